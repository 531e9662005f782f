#!/usr/bin/env bash
# Run a command with a real, unlocked Secret Service: gnome-keyring-daemon (secrets component) on
# the D-Bus session bus this script runs in, with its keyrings in a temporary directory (never
# the user's). Meant to run inside `dbus-run-session`, which ends the bus — and with it the
# daemon — when the command returns.
set -euo pipefail

if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
    echo "with-secret-service.sh: no D-Bus session; run it as: dbus-run-session -- $0 CMD..." >&2
    exit 2
fi

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -m 700 "$scratch/run"

# A fresh "login" keyring, created and unlocked with a throw-away password read from stdin.
printf 'numdesk-test' | HOME="$scratch" XDG_DATA_HOME="$scratch/data" \
    XDG_RUNTIME_DIR="$scratch/run" gnome-keyring-daemon --unlock --components=secrets >/dev/null

# Wait (bounded) until the daemon owns the Secret Service name on the bus.
for _ in $(seq 1 100); do
    if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null \
        | grep -q "boolean true"; then
        exec "$@"
    fi
    sleep 0.1
done
echo "with-secret-service.sh: gnome-keyring-daemon did not register org.freedesktop.secrets" >&2
exit 1
