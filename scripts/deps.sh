#!/bin/sh
# Checks the Debian packages mlps needs to build, test and run, and installs
# the missing ones with apt-get when run as root. As another user it prints the
# exact apt-get line and stops, so nothing is installed behind anyone's back.
set -eu

PACKAGES="build-essential cmake pkgconf libyaml-dev libncurses-dev libsqlite3-dev \
libcunit1-dev libjansson-dev libxlsxwriter-dev libxxhash-dev tmux zsh \
libcairo2-dev libpango1.0-dev fonts-noto-cjk libzip-dev libexpat1-dev poppler-utils \
postgresql libpq-dev"

missing=""
for p in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "mlps needs these Debian packages:$missing" >&2
	echo "install them with:" >&2
	echo "  sudo apt-get install -y$missing" >&2
	exit 1
fi
echo "installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing
