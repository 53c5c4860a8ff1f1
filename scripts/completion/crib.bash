# bash completion for crib(1)                              -*- shell-script -*-
#
# Installed as share/bash-completion/completions/crib; or source it from
# ~/.bashrc.  Works with or without the bash-completion package (it uses
# _filedir when that is available).  Topic names come from `crib --topics`,
# which prints "name<TAB>count" lines, run against the --db on the line.

# Print the topic names of an index, one per line.
# Usage: _crib_topic_names PROGRAM [DB]
_crib_topic_names()
{
    local prog=$1 db=$2
    local -a cmd=("$prog")
    [[ -n $db ]] && cmd+=(--db "$db")
    "${cmd[@]}" --topics --color=never 2>/dev/null | cut -f1
}

# Undo the simple quoting and ~ of a word typed on the command line
# (completion sees the words unexpanded).
_crib_unquote()
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

# The program being completed, runnable: ./build/query/crib as typed, else crib.
_crib_program()
{
    local prog
    prog=$(_crib_unquote "$1")
    if [[ -n $prog ]] && command -v -- "$prog" >/dev/null 2>&1; then
        printf '%s\n' "$prog"
    else
        printf '%s\n' "${2:-crib}"
    fi
}

# The value of --db on the command line (--db DIR, --db=DIR), if any.
_crib_db_arg()
{
    local i w db=
    for ((i = 1; i < COMP_CWORD; i++)); do
        w=${COMP_WORDS[i]}
        [[ $w == -- ]] && break
        if [[ $w == --db ]]; then
            # "--db=DIR" arrives as --db, =, DIR when = is in COMP_WORDBREAKS
            if [[ ${COMP_WORDS[i+1]} == = ]]; then
                ((i + 2 < COMP_CWORD)) && db=${COMP_WORDS[i+2]}
                ((i += 2))
            elif ((i + 1 < COMP_CWORD)); then
                db=${COMP_WORDS[i+1]}
                ((i++))
            fi
        elif [[ $w == --db=?* ]]; then
            db=${w#--db=}
        fi
    done
    [[ -n $db ]] && _crib_unquote "$db"
}

# COMPREPLY += PREFIX + each of WORDS... that starts with CUR (words may
# contain spaces; they are quoted for the command line).
_crib_add_matches()
{
    local prefix=$1 cur=$2 w
    shift 2
    for w in "$@"; do
        [[ -n $w && $w == "$cur"* ]] && COMPREPLY+=("$prefix$(printf '%q' "$w")")
    done
}

# Directory (or, with -f, file) completion of CUR, each reply prefixed.
_crib_complete_path()
{
    local what=$1 prefix=$2 cur=$3 i
    if [[ -z $prefix ]] && declare -F _filedir >/dev/null; then
        if [[ $what == -d ]]; then _filedir -d; else _filedir; fi
        return
    fi
    compopt -o filenames 2>/dev/null
    local -a found
    if [[ $what == -d ]]; then
        mapfile -t found < <(compgen -d -- "$(_crib_unquote "$cur")")
    else
        mapfile -t found < <(compgen -f -- "$(_crib_unquote "$cur")")
    fi
    for i in "${found[@]}"; do COMPREPLY+=("$prefix$i"); done
}

# The subcommand on the command line (quiz, gaps), if only the options
# every mode takes come before it.
_crib_subcommand()
{
    local i w
    for ((i = 1; i < COMP_CWORD; i++)); do
        w=${COMP_WORDS[i]}
        case $w in
            --db | --reviews | --color | --colour | --format | -f)
                [[ ${COMP_WORDS[i+1]} == = ]] && ((i++))
                ((i++))
                ;;
            --db=* | --reviews=* | --color=* | --colour=* | --format=* | -f?* | --no-update) ;;
            = ) ;;
            quiz | gaps)
                printf '%s\n' "$w"
                return
                ;;
            *) return ;;
        esac
    done
}

# Whether a query word (or "--") comes before the cursor.
_crib_has_words()
{
    local i w
    for ((i = 1; i < COMP_CWORD; i++)); do
        w=${COMP_WORDS[i]}
        case $w in
            --db | --reviews | --color | --colour | --format | -f | -t | --topic | -n | --limit | \
                --offset | --sort | --show)
                [[ ${COMP_WORDS[i+1]} == = ]] && ((i++))
                ((i++))
                ;;
            -* | =) [[ $w == -- ]] && return 0 ;;
            *) return 0 ;;
        esac
    done
    return 1
}

_crib()
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
    elif [[ $cur == -[tf]?* ]]; then
        # attached short option value: -tkubernetes, -fjson
        prev=${cur:0:2}
        prefix=$prev
        cur=${cur:2}
    fi

    # After "--" every word is a query word.
    local i
    for ((i = 1; i < cword; i++)); do
        [[ ${COMP_WORDS[i]} == -- ]] && return 0
    done

    local sub
    sub=$(_crib_subcommand)

    case $prev in
        -f | --format)
            if [[ -n $sub ]]; then
                _crib_add_matches "$prefix" "$cur" human plain json
            else
                _crib_add_matches "$prefix" "$cur" human plain grep vimgrep json jsonl
            fi
            return 0
            ;;
        --export)
            _crib_add_matches "$prefix" "$cur" anki
            return 0
            ;;
        --reviews)
            _crib_complete_path -f "$prefix" "$cur"
            return 0
            ;;
        --new)
            return 0
            ;;
        --color | --colour)
            _crib_add_matches "$prefix" "$cur" auto always never
            return 0
            ;;
        --sort)
            _crib_add_matches "$prefix" "$cur" relevance file
            return 0
            ;;
        -t | --topic)
            local prog db
            local -a topics
            prog=$(_crib_program "${COMP_WORDS[0]}" crib)
            db=$(_crib_db_arg)
            mapfile -t topics < <(_crib_topic_names "$prog" "$db")
            _crib_add_matches "$prefix" "$cur" "${topics[@]}"
            return 0
            ;;
        --db)
            _crib_complete_path -d "$prefix" "$cur"
            return 0
            ;;
        -n | --limit | --offset | --show)
            # a number, or a passage id (file:line)
            return 0
            ;;
    esac

    # crib quiz --export anki FILE
    if ((cword >= 3)) && [[ ${COMP_WORDS[cword-2]} == --export ]]; then
        _crib_complete_path -f "" "$cur"
        return 0
    fi

    if [[ $sub == quiz && $cur == -* && -z $prefix ]]; then
        local opts="--help --db --format --color --colour --reviews --topic --new
            --stats --export --force --no-update"
        [[ $cur != --* ]] && opts+=" -h -f -t"
        mapfile -t COMPREPLY < <(compgen -W "$opts" -- "$cur")
        return 0
    fi
    if [[ $sub == gaps ]]; then
        if [[ $cur == -* && -z $prefix ]]; then
            local opts="--help --verbose --db --format --color --colour --reviews --no-update"
            [[ $cur != --* ]] && opts+=" -h -v -f"
            mapfile -t COMPREPLY < <(compgen -W "$opts" -- "$cur")
        else
            _crib_complete_path -f "$prefix" "$cur"
        fi
        return 0
    fi
    if [[ -z $sub && $cur != -* && -z $prefix ]] && ! _crib_has_words; then
        mapfile -t COMPREPLY < <(compgen -W "quiz gaps" -- "$cur")
        return 0
    fi

    if [[ $cur == -* && -z $prefix ]]; then
        local opts="--help --db --format --vimgrep --files-with-matches --count
            --null --limit --offset --sort --topic --topics --show --open --full
            --all --color --colour --no-update --no-related --no-facets --stats
            --no-pager --quiet --word-regexp --fixed-strings --interactive --explain
            --reviews --unanswered --version"
        if [[ $cur != --* ]]; then
            opts+=" -h -f -l -c -0 -n -t -q -w -F -i"
        fi
        mapfile -t COMPREPLY < <(compgen -W "$opts" -- "$cur")
        return 0
    fi
    # query words: nothing to complete
    return 0
} &&
    complete -F _crib crib

# ex: filetype=sh
