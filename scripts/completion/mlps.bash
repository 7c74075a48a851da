# bash completion for mlps: commands, options, assessment numbers,
# requirement IDs and formats. Installed as
# <prefix>/share/bash-completion/completions/mlps by `make install`.

_mlps_assessments()
{
	# The numbers in the first column of `mlps list --format tsv`, quietly.
	"${1:-mlps}" "${@:2}" list --format tsv 2>/dev/null | awk -F'\t' 'NR > 1 { print $1 }'
}

_mlps_ids()
{
	"${1:-mlps}" "${@:2}" catalog list --format tsv 2>/dev/null |
		awk -F'\t' 'NR > 1 { n = split($1, ids, ","); for (i = 1; i <= n; i++) print ids[i]; print $2 }'
}

_mlps()
{
	local cur prev words cword
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	local commands="catalog grade new open list object answer score report plan reaudit diff history
		export import db profile set finalise reopen delete log help"
	local global="--db --profiles --lang --help --version"
	local mlps=${COMP_WORDS[0]} cmd="" i pos=0
	local -a gopts=()

	# The command is the first word that is not a global option or its value.
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		--db | --profiles | --lang)
			gopts+=("${COMP_WORDS[i]}" "${COMP_WORDS[i+1]}")
			((i++))
			;;
		-*) ;;
		*)
			if [[ -z $cmd ]]; then
				cmd=${COMP_WORDS[i]}
			else
				((pos++))
			fi
			;;
		esac
	done

	case $prev in
	--format)
		case $cmd in
		report) COMPREPLY=($(compgen -W "text md csv json html xlsx pdf" -- "$cur")) ;;
		catalog | list) COMPREPLY=($(compgen -W "text tsv json" -- "$cur")) ;;
		*) COMPREPLY=($(compgen -W "text json" -- "$cur")) ;;
		esac
		return
		;;
	--lang) COMPREPLY=($(compgen -W "zh en" -- "$cur")); return ;;
	--level) COMPREPLY=($(compgen -W "1 2 3 4" -- "$cur")); return ;;
	--ext) COMPREPLY=($(compgen -W "cloud mobile iot ics" -- "$cur")); return ;;
	--flags) COMPREPLY=($(compgen -W "continuity key-industry cloud-platform cloud-customer" -- "$cur")); return ;;
	--db | --profiles | -o | --output) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--business | --service)
		COMPREPLY=($(compgen -W "citizen:general citizen:serious citizen:especially-serious
			society:general society:serious society:especially-serious
			nation:general nation:serious nation:especially-serious" -- "$cur"))
		return
		;;
	esac

	if [[ -z $cmd ]]; then
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "$global" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "$commands" -- "$cur"))
		fi
		return
	fi

	if [[ $cur == -* ]]; then
		local opts="--help --db --profiles --lang"
		case $cmd in
		new) opts+=" --system --level --business --service --ext --org --flags --assessor --object" ;;
		set) opts+=" --system --org --assessor --level --business --service --ext --flags" ;;
		finalise) opts+=" --assessor --reviewer --date --force" ;;
		reopen) opts+=" --reason" ;;
		delete) opts+=" --yes --force" ;;
		log) opts+=" --format" ;;
		answer) opts+=" --note --evidence --reason --risk --mitigation --owner --due --plan --object --all-objects" ;;
		report) opts+=" --format -o --force --width --bom --no-bom --sections --summary" ;;
		plan) opts+=" --apply" ;;
		db) opts+=" --per-org --print-sql" ;;
		score | diff | list | catalog) opts+=" --format" ;;
		export) opts+=" -o" ;;
		esac
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
		return
	fi

	case $cmd in
	help) [[ $pos -eq 0 ]] && COMPREPLY=($(compgen -W "$commands" -- "$cur")) ;;
	set | finalise | reopen | delete | score | report | open | reaudit | export | diff)
		COMPREPLY=($(compgen -W "$(_mlps_assessments "$mlps" "${gopts[@]}")" -- "$cur")) ;;
	answer | log)
		if [[ $pos -eq 0 ]]; then
			COMPREPLY=($(compgen -W "$(_mlps_assessments "$mlps" "${gopts[@]}")" -- "$cur"))
		elif [[ $pos -eq 1 ]]; then
			COMPREPLY=($(compgen -W "$(_mlps_ids "$mlps" "${gopts[@]}")" -- "$cur"))
		elif [[ $cmd == answer && $pos -eq 2 ]]; then
			COMPREPLY=($(compgen -W "compliant partial noncompliant na todo unanswered" -- "$cur"))
		fi
		;;
	catalog) [[ $pos -eq 0 ]] && COMPREPLY=($(compgen -W "list show risks" -- "$cur")) ;;
	object) [[ $pos -eq 0 ]] && COMPREPLY=($(compgen -W "add list rm rename" -- "$cur")) ;;
	db)
		if [[ $pos -eq 0 ]]; then
			COMPREPLY=($(compgen -W "check backup init copy org" -- "$cur"))
		elif [[ $pos -eq 1 && $prev == org ]]; then
			COMPREPLY=($(compgen -W "grant revoke" -- "$cur"))
		fi
		;;
	esac
}
complete -F _mlps mlps
