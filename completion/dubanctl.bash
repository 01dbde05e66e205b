# bash completion for dubanctl: commands and subcommands, each row's options
# (from "dubanctl commands"), department codes and case numbers from the
# database the configuration names.
_dubanctl_rows()
{
	dubanctl "${_dubanctl_global[@]}" commands 2>/dev/null
}

_dubanctl()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
	local i w cmd="" sub="" rows line name opts args
	_dubanctl_global=()

	# the words before: global options, the command, its subcommand
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		case $w in
		-f|-D) _dubanctl_global+=("$w" "${COMP_WORDS[i+1]}"); ((i++)); continue ;;
		--json|--csv) continue ;;
		-*) continue ;;
		esac
		if [[ -z $cmd ]]; then cmd=$w
		elif [[ -z $sub ]]; then sub=$w
		fi
	done
	case $prev in
	-f|-D) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	esac
	rows=$(_dubanctl_rows) || return
	if [[ -z $cmd ]]; then
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "-f -D --json --csv --help --version" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "$(cut -f1 <<<"$rows" | cut -d' ' -f1 | sort -u)" -- "$cur"))
		fi
		return
	fi
	# the row: "cmd sub" if there is one, else "cmd"
	line=$(awk -F'\t' -v a="$cmd $sub" '$1 == a' <<<"$rows")
	if [[ -z $line ]]; then
		line=$(awk -F'\t' -v a="$cmd" '$1 == a' <<<"$rows")
		if [[ -n $(awk -F'\t' -v a="$cmd " 'index($1, a) == 1' <<<"$rows") && -z $sub ]]; then
			# a subcommand is still to come
			COMPREPLY=($(compgen -W "$(awk -F'\t' -v a="$cmd " 'index($1, a) == 1 \
			    { print substr($1, length(a) + 1) }' <<<"$rows")" -- "$cur"))
			[[ -n $line && $cur == -* ]] || return
		fi
	fi
	IFS=$'\t' read -r name args opts <<<"$line"
	if [[ $cur == -* ]]; then
		COMPREPLY+=($(compgen -W "$(grep -o -- '--[a-z-]*' <<<"$opts") --help" -- "$cur"))
		return
	fi
	case $prev in
	--dept|--lead) COMPREPLY=($(compgen -W "$(_dubanctl_depts)" -- "$cur")); return ;;
	--at|--received|--since|--until|--from|--to|--day|--note|--reason|--approver|--by|\
	--head|--name|--email|--cc|--leader|--petitioner|--category|--rule|--encoding|--action)
		return ;;
	esac
	case "$name" in
	"dept edit") COMPREPLY=($(compgen -W "$(_dubanctl_depts)" -- "$cur")) ;;
	assign)
		# CASE DEPT STEP: the position among the arguments decides
		local n=0
		for ((i = 1; i < COMP_CWORD; i++)); do
			w=${COMP_WORDS[i]}
			[[ $w == -* || $w == "$cmd" ]] && continue
			case ${COMP_WORDS[i-1]} in -f|-D|--at|--rule) continue ;; esac
			((n++))
		done
		case $n in
		0) COMPREPLY=($(compgen -W "$(_dubanctl_cases)" -- "$cur")) ;;
		1) COMPREPLY=($(compgen -W "$(_dubanctl_depts)" -- "$cur")) ;;
		esac ;;
	"case close") COMPREPLY=($(compgen -W "$(_dubanctl_cases)" -- "$cur")) ;;
	reassign) [[ -n $sub ]] && COMPREPLY=($(compgen -W "$(_dubanctl_depts)" -- "$cur")) ;;
	"ledger import"|"ledger export"|"dept import") COMPREPLY=($(compgen -f -- "$cur")) ;;
	esac
}

_dubanctl_depts()
{
	dubanctl "${_dubanctl_global[@]}" --csv dept list 2>/dev/null | tail -n +2 | cut -d, -f1
}

_dubanctl_cases()
{
	dubanctl "${_dubanctl_global[@]}" --csv actions --all 2>/dev/null | tail -n +2 |
	    cut -d, -f2 | sort -u
}

complete -F _dubanctl dubanctl
