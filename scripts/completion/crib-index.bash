# bash completion for crib-index(1)                        -*- shell-script -*-
#
# Installed as share/bash-completion/completions/crib-index; or source it
# from ~/.bashrc.  Works with or without the bash-completion package (it
# uses _filedir when that is available).

# Undo the simple quoting and ~ of a word typed on the command line.
_crib_index_unquote()
{
    local w=$1
    case $w in
        \'*\') w=${w:1:${#w}-2} ;;
        \"*\") w=${w:1:${#w}-2} ;;
        *) w=${w//\\/} ;;
    esac
    # shellcheck disable=SC2088 # a literal ~ typed on the line
    [[ $w == "~" || $w == "~/"* ]] && w=$HOME${w:1}
    printf '%s\n' "$w"
}

# COMPREPLY += PREFIX + each of WORDS... that starts with CUR.
_crib_index_add_matches()
{
    local prefix=$1 cur=$2 w
    shift 2
    for w in "$@"; do
        [[ $w == "$cur"* ]] && COMPREPLY+=("$prefix$w")
    done
}

# Path completion of CUR, each reply prefixed:
#   -d  directories only
#   -f  any file
#   -n  note files (.md .markdown .mdown .mkd .txt .text) and directories
_crib_index_complete_path()
{
    local what=$1 prefix=$2 cur=$3 f low
    local exts='md|markdown|mdown|mkd|txt|text'
    if [[ -z $prefix ]] && declare -F _filedir >/dev/null; then
        case $what in
            -d) _filedir -d ;;
            -n) _filedir "@($exts|MD|MARKDOWN|MDOWN|MKD|TXT|TEXT)" ;;
            *) _filedir ;;
        esac
        return
    fi
    compopt -o filenames 2>/dev/null
    local -a found
    if [[ $what == -d ]]; then
        mapfile -t found < <(compgen -d -- "$(_crib_index_unquote "$cur")")
    else
        mapfile -t found < <(compgen -f -- "$(_crib_index_unquote "$cur")")
    fi
    for f in "${found[@]}"; do
        if [[ $what == -n && ! -d $f ]]; then
            low=${f,,}
            case $low in
                *.md | *.markdown | *.mdown | *.mkd | *.txt | *.text) ;;
                *) continue ;;
            esac
        fi
        COMPREPLY+=("$prefix$f")
    done
}

_crib_index()
{
    COMPREPLY=()
    local cword=$COMP_CWORD
    local cur=${COMP_WORDS[cword]} prev='' prefix=''
    ((cword > 0)) && prev=${COMP_WORDS[cword-1]}

    # --opt=value: split into --opt, =, value by COMP_WORDBREAKS, or one word.
    if [[ $cur == = && $prev == -* ]]; then
        cur=
    elif [[ $prev == = ]] && ((cword >= 2)) && [[ ${COMP_WORDS[cword-2]} == -* ]]; then
        prev=${COMP_WORDS[cword-2]}
    elif [[ $cur == --?*=* ]]; then
        prev=${cur%%=*}
        prefix=$prev=
        cur=${cur#*=}
    fi

    local i dashdash=
    for ((i = 1; i < cword; i++)); do
        [[ ${COMP_WORDS[i]} == -- ]] && dashdash=1
    done

    if [[ -z $dashdash ]]; then
        case $prev in
            --format)
                _crib_index_add_matches "$prefix" "$cur" text json
                return 0
                ;;
            --db)
                _crib_index_complete_path -d "$prefix" "$cur"
                return 0
                ;;
            --topics | --synonyms)
                _crib_index_complete_path -f "$prefix" "$cur"
                return 0
                ;;
            --exclude)
                _crib_index_add_matches "$prefix" "$cur" FORMAT.txt 'LICENSE*' /README.md
                return 0
                ;;
            --max-size)
                _crib_index_add_matches "$prefix" "$cur" 1M 4M 16M 64M
                return 0
                ;;
            -j | --threads)
                local n
                n=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
                _crib_index_add_matches "$prefix" "$cur" $(seq 1 "$n")
                return 0
                ;;
        esac

        if [[ $cur == -* && -z $prefix ]]; then
            local opts="--help --db --rebuild --exclude --prune --wait --watch --dump --stats --check --types --format --max-size
                --topics --synonyms --threads --batch-size --quiet --verbose --version"
            [[ $cur != --* ]] && opts+=" -h -j -q -v"
            mapfile -t COMPREPLY < <(compgen -W "$opts" -- "$cur")
            return 0
        fi
    fi

    # note files and folders
    _crib_index_complete_path -n "" "$cur"
    return 0
} &&
    complete -F _crib_index crib-index

# ex: filetype=sh
