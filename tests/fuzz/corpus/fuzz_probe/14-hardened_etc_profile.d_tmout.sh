readonly TMOUT=600; export TMOUT
