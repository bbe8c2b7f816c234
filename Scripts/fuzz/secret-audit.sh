#!/usr/bin/env bash
# Runs the `otp` command-line tool with a known secret put in every place a person might put it
# by mistake (a misplaced argument, the wrong option, a broken URI, a file name, a typo such as
# --secret=VALUE), and checks that no output quotes it: standard output and standard error are
# searched for the secret in Base32 (any case, with or without separators) and in hex. Commands
# whose purpose is to print the secret (`otp uri` building, `otp new`, `otp export`, `otp import`)
# are not run here.
#
# Usage: Scripts/fuzz/secret-audit.sh [PATH_TO_OTP]   (default: .build/release/otp)
# Exits 1 and lists the commands when any output shows the secret.
set -uo pipefail
cd "$(dirname "$0")/../.."
otp=${1:-.build/release/otp}
[ -x "$otp" ] || { echo "secret-audit: no executable at $otp (swift build -c release first)" >&2; exit 2; }

secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ          # the bytes "12345678901234567890"
hex=3132333435363738393031323334353637383930
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '%s\n' "otpauth://totp/Example:alice?secret=$secret&issuer=Example&digits=$secret" > "$work/bad-uri.txt"
printf '%s\n' "$secret" > "$work/secret.txt"

leaks=0
checked=0
check() { # description, then the command (run without a shell); stdin from $input
    local description=$1
    shift
    "$@" < "${input:-/dev/null}" > "$work/out" 2> "$work/err"
    local status=$?
    checked=$((checked + 1))
    # Base32 with separators removed, any case; then hex.
    if tr -d ' \t-' < "$work/out" | cat - <(tr -d ' \t-' < "$work/err") | grep -qiE "${secret:0:16}|${secret:16:16}|$hex"; then
        leaks=$((leaks + 1))
        echo "LEAK ($description, exit $status): $*"
        sed 's/^/    /' "$work/err" "$work/out" | head -n 5
    fi
}

s=$secret
check "misplaced secret" "$otp" code "$s"
check "misplaced secret after options" "$otp" code --time 59 "$s"
check "--secret=VALUE" "$otp" code "--secret=$s"
check "unknown option with the secret" "$otp" code "--$s"
check "secret as the command" "$otp" "$s"
check "secret as help topic" "$otp" help "$s"
for option in --period --t0 --time --digits --algorithm --counter; do
    check "secret given to $option" "$otp" code --secret "$s" "$option" "$s"
done
check "secret given to --window" "$otp" verify --secret "$s" --window "$s" 123456
check "secret as the code" "$otp" verify --secret "$s" --time 59 "$s"
check "secret as a wrong-length code" "$otp" verify --secret "$s" --time 59 "${s:0:7}"
check "secret twice" "$otp" code --secret "$s" --secret "$s"
check "secret and secret file" "$otp" code --secret "$s" --secret-file "$work/secret.txt"
check "secret as the secret-file path" "$otp" code --secret-file "$s"
check "secret with a bad character" "$otp" code --secret "$s!"
check "secret with a bad length" "$otp" code --secret "${s}A"
check "secret in the environment, bad time" env OTP_SECRET="$s" "$otp" code --time "$s"
input="$work/secret.txt" check "secret on stdin, bad digits" "$otp" code --secret - --digits 5
check "URI with the secret in digits" "$otp" code --uri "otpauth://totp/Example:alice?secret=$s&digits=$s"
check "URI with the secret as issuer (mismatch)" "$otp" code --uri "otpauth://totp/Example:alice?secret=$s&issuer=$s"
check "URI with the secret as the type" "$otp" code --uri "otpauth://$s/alice?secret=$s"
check "URI with a bad secret" "$otp" code --uri "otpauth://totp/alice?secret=${s}1"
check "URI with a fragment" "$otp" code --uri "otpauth://totp/alice?secret=$s#$s"
check "URI and --secret" "$otp" code --uri "otpauth://totp/alice?secret=$s" --secret "$s"
check "URI parse with the secret in digits" "$otp" uri parse "otpauth://totp/Example:alice?secret=$s&digits=$s"
check "URI parse with a bad secret" "$otp" uri parse "otpauth://totp/alice?secret=${s}1"
check "qr with a bad level" "$otp" qr --level "$s" hello
check "import of a file with a broken URI" "$otp" import "$work/bad-uri.txt"
check "import with the secret as format" "$otp" import --format "$s" "$work/bad-uri.txt"
check "export of a broken URI" "$otp" export --format uris "$work/bad-uri.txt"
check "export with the secret as format" "$otp" export --format "$s" "$work/bad-uri.txt"
check "new with the secret as digits" "$otp" new --account alice --digits "$s"

echo "secret-audit: $checked commands, $leaks showed the secret"
[ "$leaks" -eq 0 ]
