#!/usr/bin/env bash
# The packaging tests that check files of the built .deb (unpacked to ROOT by build-deb.sh).
# One check per ctest test:  check.sh CHECK ROOT [ARGS...]
#   desktop     ROOT                  desktop-file-validate; MimeType, Icon and Exec resolve
#   appstream   ROOT SOURCE_DIR       appstreamcli validate --no-net --strict; launchable, icon,
#                                     every screenshot names a PNG of docs/images
#   mime        ROOT                  xmllint; update-mime-database accepts it (no warnings); the
#                                     desktop file's MimeType is defined there
#   man         ROOT BINARY           man --warnings renders it silently; every command and
#                                     option of `signalbox --help` is in it
#   completion  ROOT BINARY           bash completes `signalbox val` to validate; every command
#                                     and option of `signalbox --help` is offered; values, files
#   contents    ROOT DEB VERSION      dpkg-deb -c lists every file the package must ship;
#                                     control fields
#   icons       ROOT SOURCE_DIR       PNGs rendered from the current SVG, sizes match their
#                                     directories, all installed
#   unit        ROOT                  the systemd user unit runs `signalbox serve`, Type=simple,
#                                     Restart=on-failure; systemd-analyze verify when available
# Prints what it checked; exits 1 with every failure listed.
set -uo pipefail

check=$1
root=$2
shift 2
app_id=io.signalbox.Signalbox
failures=0

fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}
ok() { echo "ok: $*"; }
need() {
    command -v "$1" >/dev/null 2>&1 || {
        echo "FAIL: $1 not found: install the Debian package $2"
        exit 1
    }
}
finish() {
    if [ "$failures" -gt 0 ]; then
        echo "$check: $failures failure(s)"
        exit 1
    fi
    echo "$check: all checks passed"
    exit 0
}

# The commands of `signalbox --help`, and the options of `signalbox COMMAND --help`.
cli_commands() { "$1" --help 2>/dev/null | sed -nE 's/^  ([a-z][a-z-]*)( .*)?$/\1/p'; }
cli_options() {
    "$1" "$2" --help 2>/dev/null | grep -E '^  -' | grep -oE '(^|[ ,])--?[a-zA-Z][a-z-]*' |
        tr -d ' ,'
}

desktop_file=$root/usr/share/applications/$app_id.desktop

case $check in
desktop)
    need desktop-file-validate desktop-file-utils
    if out=$(desktop-file-validate "$desktop_file" 2>&1) && [ -z "$out" ]; then
        ok "desktop-file-validate $desktop_file: no errors, no hints"
    else
        fail "desktop-file-validate $desktop_file: ${out:-exit status}"
    fi
    grep -qx 'MimeType=application/x-signalbox-workflow+yaml;' "$desktop_file" &&
        ok "MimeType is the workflow type only" ||
        fail "MimeType is not exactly application/x-signalbox-workflow+yaml;"
    icon=$(sed -n 's/^Icon=//p' "$desktop_file")
    [ -f "$root/usr/share/icons/hicolor/scalable/apps/$icon.svg" ] &&
        ok "Icon=$icon is installed" || fail "Icon=$icon has no hicolor/scalable/apps/$icon.svg"
    exec_bin=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$desktop_file")
    [ -x "$root/usr/bin/$exec_bin" ] && ok "Exec=$exec_bin is /usr/bin/$exec_bin" ||
        fail "Exec=$exec_bin is not in /usr/bin"
    ;;

appstream)
    source_dir=$1
    need appstreamcli appstream
    metainfo=$root/usr/share/metainfo/$app_id.metainfo.xml
    if out=$(appstreamcli validate --no-net --strict "$metainfo" 2>&1); then
        ok "appstreamcli validate --no-net --strict: $(echo "$out" | tail -1)"
    else
        fail "appstreamcli validate --no-net --strict $metainfo:"$'\n'"$out"
    fi
    launchable=$(sed -n 's:.*<launchable type="desktop-id">\(.*\)</launchable>.*:\1:p' "$metainfo")
    [ -f "$root/usr/share/applications/$launchable" ] && ok "launchable $launchable is installed" ||
        fail "launchable $launchable is not in /usr/share/applications"
    grep -q "<id>$app_id</id>" "$metainfo" || fail "component id is not $app_id"
    images=$(sed -n 's:.*<image>\(.*\)</image>.*:\1:p' "$metainfo")
    [ -n "$images" ] || fail "no screenshots"
    for url in $images; do
        case $url in
        https://*/docs/images/*.png)
            f=$source_dir/docs/images/${url##*/docs/images/}
            if [ -f "$f" ] && head -c 8 "$f" | od -An -tx1 | grep -q '89 50 4e 47'; then
                ok "screenshot $url is docs/images/${f##*/}"
            else
                fail "screenshot $url: no PNG docs/images/${url##*/docs/images/} in the repository"
            fi
            ;;
        *) fail "screenshot $url is not an https URL into docs/images/" ;;
        esac
    done
    ;;

mime)
    need xmllint libxml2-utils
    need update-mime-database shared-mime-info
    xml=$root/usr/share/mime/packages/$app_id.xml
    if out=$(xmllint --noout "$xml" 2>&1); then ok "xmllint: $xml is well-formed"; else fail "xmllint: $out"; fi
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    mkdir -p "$tmp/mime/packages"
    cp /usr/share/mime/packages/freedesktop.org.xml "$xml" "$tmp/mime/packages/"
    if out=$(XDG_DATA_DIRS=$tmp update-mime-database "$tmp/mime" 2>&1) && [ -z "$out" ]; then
        ok "update-mime-database accepts it without warnings"
    else
        fail "update-mime-database: ${out:-exit status}"
    fi
    for type in $(sed -n 's/^MimeType=//p' "$desktop_file" | tr ';' ' '); do
        [ -f "$tmp/mime/${type}.xml" ] && ok "desktop MimeType $type is defined" ||
            fail "desktop MimeType $type is not defined by the MIME database"
    done
    grep -q '^application/x-signalbox-workflow+yaml:\*\.signalbox\.yaml$' "$tmp/mime/globs" &&
        ok "glob *.signalbox.yaml in the database" || fail "glob *.signalbox.yaml missing"
    grep -q '^application/x-signalbox-workflow+yaml application/x-yaml$' "$tmp/mime/subclasses" &&
        ok "subclass of application/x-yaml" || fail "not a subclass of application/x-yaml"
    ;;

man)
    binary=$1
    need man man-db
    page=$root/usr/share/man/man1/signalbox.1.gz
    [ -f "$page" ] || { fail "$page is missing"; finish; }
    warnings=$(MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)
    text=$(MANWIDTH=80 man -l "$page" 2>/dev/null | col -b)
    if [ -z "$warnings" ] && [ -n "$text" ]; then
        ok "MANWIDTH=80 man --warnings -l renders $(echo "$text" | wc -l) lines, no warnings"
    else
        fail "man --warnings: ${warnings:-nothing rendered}"
    fi
    commands=$(cli_commands "$binary")
    [ -n "$commands" ] || fail "$binary --help lists no commands"
    for c in $commands; do
        grep -qE "signalbox $c( |$)" <<<"$text" || fail "command '$c' is not in the man page"
        for o in $(cli_options "$binary" "$c"); do
            grep -qE -- "(^|[^a-z-])$o([^a-z-]|$)" <<<"$text" ||
                fail "option $o of '$c' is not in the man page"
        done
    done
    for o in --help --version; do
        grep -q -- "$o" <<<"$text" || fail "$o is not in the man page"
    done
    [ "$failures" -eq 0 ] && ok "every command ($(echo $commands | wc -w)) and option is documented"
    ;;

completion)
    binary=$1
    script=$root/usr/share/bash-completion/completions/signalbox
    bc=/usr/share/bash-completion/bash_completion
    [ -f "$bc" ] || {
        echo "FAIL: $bc not found: install the Debian package bash-completion"
        exit 1
    }
    [ -f "$script" ] || { fail "$script is missing"; finish; }
    files=$(mktemp -d)
    trap 'rm -rf "$files"' EXIT
    mkdir "$files/sub"
    touch "$files/flow.yaml" "$files/other.yml" "$files/notes.txt" "$files/in.json"
    # complete LINE...: what bash-completion offers for the command line LINE (the cursor at
    # its end), one candidate a line, sorted. Runs the function `complete -p signalbox` names,
    # in a fresh bash that loaded bash-completion and the installed script.
    complete_line() {
        (cd "$files" && bash --norc --noprofile -c '
            source "$1" && source "$2" || exit 3
            func=$(complete -p signalbox 2>/dev/null | sed -n "s/.*-F \([^ ]*\) .*/\1/p")
            [ -n "$func" ] || { echo "NO-COMPLETION-REGISTERED"; exit 0; }
            COMP_LINE=$3
            COMP_POINT=${#COMP_LINE}
            read -ra COMP_WORDS <<<"$COMP_LINE"
            [[ $COMP_LINE == *" " ]] && COMP_WORDS+=("")
            COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
            "$func" signalbox "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
            printf "%s\n" "${COMPREPLY[@]}"' bash "$bc" "$script" "$1" | sort -u)
    }
    expect() { # expect LINE EXPECTED...: the candidates are exactly EXPECTED
        local line=$1
        shift
        local got want
        got=$(complete_line "$line" | tr '\n' ' ' | sed 's/ $//')
        want=$(printf '%s\n' "$@" | sort -u | tr '\n' ' ' | sed 's/ $//')
        [ "$got" = "$want" ] && ok "'$line<TAB>' -> $got" ||
            fail "'$line<TAB>' offers [$got], expected [$want]"
    }
    expect "signalbox val" validate
    expect "signalbox export flow.yaml --to " yaml asl mermaid svg png
    expect "signalbox list --status " RUNNING WAITING SUCCEEDED FAILED CANCELLED TIMED_OUT
    expect "signalbox validate " flow.yaml other.yml in.json sub
    expect "signalbox run flow.yaml --input @" @flow.yaml @other.yml @notes.txt @in.json @sub
    expect "signalbox import " in.json sub
    # Every command of the binary, and nothing else.
    commands=$(cli_commands "$binary")
    got=$(complete_line "signalbox " | grep -vxE 'flow.yaml|other.yml|in.json|sub' | tr '\n' ' ')
    want=$(printf '%s\n' $commands | sort -u | tr '\n' ' ')
    [ "$got" = "$want" ] && ok "'signalbox <TAB>' offers every command of --help and the workflow files" ||
        fail "'signalbox <TAB>' offers [$got]; signalbox --help has [$want]"
    # Every option of every command, and nothing else.
    for c in $commands; do
        got=$(complete_line "signalbox $c -" | tr '\n' ' ')
        want=$(cli_options "$binary" "$c" | sort -u | tr '\n' ' ')
        [ "$got" = "$want" ] && ok "'signalbox $c -<TAB>' -> $got" ||
            fail "'signalbox $c -<TAB>' offers [$got]; signalbox $c --help has [$want]"
    done
    ;;

contents)
    deb=$1
    version=$2
    need dpkg-deb dpkg
    listing=$(dpkg-deb -c "$deb" | awk '{print $6}' | sed 's:^\./:/:')
    expected=(
        /usr/bin/signalbox
        /usr/share/applications/$app_id.desktop
        /usr/share/metainfo/$app_id.metainfo.xml
        /usr/share/mime/packages/$app_id.xml
        /usr/share/icons/hicolor/scalable/apps/$app_id.svg
        /usr/share/man/man1/signalbox.1.gz
        /usr/share/bash-completion/completions/signalbox
        /usr/lib/systemd/user/signalbox.service
        /usr/share/doc/signalbox/copyright
        /usr/share/signalbox/schema/signalbox-workflow.schema.json
    )
    for n in 16 22 24 32 48 64 128 256 512; do
        expected+=("/usr/share/icons/hicolor/${n}x${n}/apps/$app_id.png")
    done
    # Every example workflow of the repository, and the scripts they run.
    src_examples=$(cd "$(dirname "$0")/../../resources/examples" && find . -type f | sed 's:^\./::')
    for f in $src_examples; do expected+=("/usr/share/signalbox/examples/$f"); done
    for f in "${expected[@]}"; do
        grep -qxF "$f" <<<"$listing" || fail "$f is not in the package"
    done
    [ "$failures" -eq 0 ] && ok "all ${#expected[@]} expected files are in $(basename "$deb")"
    field() { dpkg-deb -f "$deb" "$1"; }
    [ "$(field Package)" = signalbox ] || fail "Package is '$(field Package)'"
    [ "$(field Version)" = "$version" ] || fail "Version is '$(field Version)', expected $version"
    [ "$(field Architecture)" = "$(dpkg --print-architecture)" ] || fail "Architecture is '$(field Architecture)'"
    for f in Maintainer Description Depends Section Homepage; do
        [ -n "$(field $f)" ] || fail "control field $f is empty"
    done
    [ "$failures" -eq 0 ] && ok "control: $(field Package) $(field Version) $(field Architecture)"
    need file file
    if file "$root/usr/bin/signalbox" | grep -q 'not stripped'; then
        fail "/usr/bin/signalbox is not stripped"
    fi
    ;;

icons)
    source_dir=$1
    icons=$source_dir/resources/icons
    (cd "$icons" && sha256sum --quiet -c hicolor/SOURCE.sha256) &&
        ok "PNGs were rendered from the current SVG (hicolor/SOURCE.sha256)" ||
        fail "$icons/$app_id.svg changed since the PNGs were rendered: run packaging/render-icons.sh"
    xmllint --noout "$icons/$app_id.svg" 2>/dev/null && ok "SVG is well-formed" || fail "SVG is not well-formed"
    for n in 16 22 24 32 48 64 128 256 512; do
        png=$root/usr/share/icons/hicolor/${n}x${n}/apps/$app_id.png
        [ -f "$png" ] || { fail "${n}x${n} icon is not installed"; continue; }
        # PNG header: width and height are the big-endian words at bytes 16 and 20.
        read -r w h < <(od -An -tu1 -j16 -N8 "$png" |
            awk '{print $1*16777216+$2*65536+$3*256+$4, $5*16777216+$6*65536+$7*256+$8}')
        [ "$w" = "$n" ] && [ "$h" = "$n" ] || fail "${n}x${n}/apps/$app_id.png is ${w}x${h}"
    done
    [ "$failures" -eq 0 ] && ok "hicolor PNGs 16..512 installed at their sizes"
    ;;

unit)
    unit=$root/usr/lib/systemd/user/signalbox.service
    grep -qx 'ExecStart=/usr/bin/signalbox serve' "$unit" || fail "ExecStart is not '/usr/bin/signalbox serve'"
    grep -qx 'Type=simple' "$unit" || fail "Type is not simple"
    grep -qx 'Restart=on-failure' "$unit" || fail "Restart is not on-failure"
    grep -qx 'WantedBy=default.target' "$unit" || fail "not WantedBy=default.target"
    if command -v systemd-analyze >/dev/null 2>&1; then
        # verify resolves ExecStart on this machine: point it at the unpacked binary.
        tmp=$(mktemp -d)
        trap 'rm -rf "$tmp"' EXIT
        sed "s:^ExecStart=/usr/bin/signalbox:ExecStart=$root/usr/bin/signalbox:" "$unit" >"$tmp/signalbox.service"
        if out=$(SYSTEMD_LOG_LEVEL=warning systemd-analyze verify --man=no "$tmp/signalbox.service" 2>&1) && [ -z "$out" ]; then
            ok "systemd-analyze verify: no warnings"
        else
            fail "systemd-analyze verify: ${out:-exit status}"
        fi
    else
        echo "note: systemd-analyze not found (Debian package systemd); unit syntax not verified"
    fi
    [ "$failures" -eq 0 ] && ok "unit runs signalbox serve, Type=simple, Restart=on-failure"
    ;;

*)
    echo "check.sh: unknown check '$check'" >&2
    exit 2
    ;;
esac
finish
