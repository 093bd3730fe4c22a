#!/usr/bin/env bash
# Browser tests drive Debian's Chromium (Playwright cannot download browsers here).
# Installs it when missing and we are root; otherwise fails loudly with the fix.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
	exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
	echo "Chromium is missing: installing Debian's chromium with apt-get…" >&2
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
	[ -x /usr/bin/chromium ] && exit 0
fi
cat >&2 <<'MSG'
ERROR: /usr/bin/chromium is missing, and it could not be installed automatically.
The end-to-end tests need Debian's Chromium. Install it as root, then run the tests again:
    sudo apt-get update && sudo apt-get install -y chromium
MSG
exit 1
