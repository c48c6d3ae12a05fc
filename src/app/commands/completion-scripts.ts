/*
 * The scripts `fleetdeck completion SHELL` prints. Each asks `fleetdeck __complete WORDS…` for
 * the candidates of the word under the cursor (one per line, `value<TAB>description`; a line
 * `:files` means "complete file names"), so the logic lives in one place and is tested there.
 */

export type Shell = 'bash' | 'zsh' | 'fish';

export const SHELLS: readonly Shell[] = ['bash', 'zsh', 'fish'];

// bash splits words at COMP_WORDBREAKS (`:` and `=` among them), so `role:web` would reach us as
// three words: the line up to the cursor is split on blanks here instead, and the part of the
// current word bash already considers typed (up to its last `:` or `=`) is cut off each candidate.
const BASH = `# fleetdeck completion for bash: source <(fleetdeck completion bash)
_fleetdeck() {
  local line="\${COMP_LINE:0:COMP_POINT}" cur words=() out=() c
  read -r -a words <<< "$line"
  if [[ -z "$line" || "$line" =~ [[:space:]]$ ]]; then words+=(""); fi
  cur="\${words[\${#words[@]}-1]}"
  mapfile -t out < <(fleetdeck __complete "\${words[@]:1}" 2>/dev/null)
  COMPREPLY=()
  for c in "\${out[@]}"; do
    if [[ "$c" == ":files" ]]; then
      mapfile -t COMPREPLY < <(compgen -f -- "$cur")
      compopt -o filenames 2>/dev/null
      return 0
    fi
    c="\${c%%$'\\t'*}"
    if [[ "$cur" == *[:=]* ]]; then c="\${c#"\${cur%"\${cur##*[:=]}"}"}"; fi
    COMPREPLY+=("$c")
  done
}
complete -F _fleetdeck fleetdeck
`;

const ZSH = `#compdef fleetdeck
# fleetdeck completion for zsh: source <(fleetdeck completion zsh)   (after compinit)
_fleetdeck() {
  local -a lines items
  local l v
  lines=("\${(@f)$(fleetdeck __complete "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  if (( \${lines[(Ie):files]} )); then _files; return; fi
  for l in $lines; do
    [[ -z "$l" ]] && continue
    v="\${\${l%%$'\\t'*}//:/\\\\:}"
    if [[ "$l" == *$'\\t'* ]]; then items+=("$v:\${l#*$'\\t'}"); else items+=("$v"); fi
  done
  _describe -t values fleetdeck items
}
compdef _fleetdeck fleetdeck
`;

const FISH = `# fleetdeck completion for fish: fleetdeck completion fish | source
function __fleetdeck_complete
    set -l words (commandline -opc) (commandline -ct)
    set -e words[1]
    set -l out (fleetdeck __complete $words 2>/dev/null)
    if contains -- :files $out
        __fish_complete_path (commandline -ct)
        return
    end
    printf '%s\\n' $out
end
complete -c fleetdeck -f -a '(__fleetdeck_complete)'
`;

export function completionScript(shell: Shell): string {
  return { bash: BASH, zsh: ZSH, fish: FISH }[shell];
}
