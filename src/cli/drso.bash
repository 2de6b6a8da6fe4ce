# bash completion for drso(1)                                -*- shell-script -*-
# SPDX-License-Identifier: GPL-3.0-or-later

_drso_verbs ()
{
  case $1 in
    accounts) echo "list add show update remove validate" ;;
    servers) echo "discover list show" ;;
    groups) echo "list create show update delete resolve" ;;
    plans) echo "list create show update delete validate readiness export import" ;;
    executions) echo "start list show events pause resume cancel retry skip-wave terminate-instances drive delete" ;;
    drs) echo "quotas jobs job-log instances launch-configuration" ;;
    config) echo "show set" ;;
  esac
}

_drso_options ()
{
  case "$1 $2" in
    "accounts add") echo "--name --region --profile --endpoint-url --role-arn --external-id --simulated" ;;
    "accounts update") echo "--name --region --profile --endpoint-url --role-arn --external-id" ;;
    "accounts validate") echo "--region" ;;
    "servers discover") echo "--account --profile --region --endpoint-url" ;;
    "servers list") echo "--account --region --state --tag" ;;
    "groups create") echo "--account --region --server --tag --description" ;;
    "groups update") echo "--name --description --account --region --add-server --remove-server --tag --remove-tag" ;;
    "plans create") echo "--description --wave --rpo --rto --optional --critical --pin --unpin" ;;
    "plans update") echo "--name --description --wave --rpo --rto --optional --critical --pin --unpin" ;;
    "plans readiness") echo "--recovery" ;;
    "plans export") echo "--all --output-file -o" ;;
    "executions start") echo "--drill --recovery --wait --auto-resume --yes" ;;
    "executions list") echo "--plan --status --limit" ;;
    "executions events") echo "--after" ;;
    "executions drive") echo "--auto-resume --quiet" ;;
    "executions delete") echo "--force" ;;
    "drs quotas") echo "--account --region" ;;
    "drs jobs") echo "--account --region --since" ;;
    "drs job-log") echo "--account --region" ;;
    "drs instances") echo "--account --region --server --instance" ;;
    "sandbox "*) echo "--port --time-scale --estate --seed --region --faults --state-file --shared" ;;
  esac
}

_drso ()
{
  local cur prev noun="" verb="" i word
  local -a words_left=()
  COMPREPLY=()
  cur=${COMP_WORDS[COMP_CWORD]}
  prev=${COMP_WORDS[COMP_CWORD-1]}

  case $prev in
    --output)
      COMPREPLY=($(compgen -W "json table text" -- "$cur"))
      return ;;
    --estate)
      COMPREPLY=($(compgen -W "demo" -- "$cur"))
      return ;;
    -o|--output-file|--state-file)
      COMPREPLY=($(compgen -f -- "$cur"))
      return ;;
    --status)
      COMPREPLY=($(compgen -W "PENDING RUNNING PAUSED COMPLETED FAILED CANCELLED" -- "$cur"))
      return ;;
    --state)
      COMPREPLY=($(compgen -W "CONTINUOUS INITIAL_SYNC BACKLOG CREATING_SNAPSHOT STALLED PAUSED STOPPED DISCONNECTED" -- "$cur"))
      return ;;
  esac

  # The noun and verb, skipping global options and their values.
  for ((i = 1; i < COMP_CWORD; i++)); do
    word=${COMP_WORDS[i]}
    if [[ $word == --output ]]; then
      ((i++))
      continue
    fi
    [[ $word == -* ]] && continue
    words_left+=("$word")
  done
  noun=${words_left[0]-}
  verb=${words_left[1]-}

  if [[ -z $noun ]]; then
    if [[ $cur == -* ]]; then
      COMPREPLY=($(compgen -W "--output --help --version" -- "$cur"))
    else
      COMPREPLY=($(compgen -W "accounts servers groups plans executions drs config sandbox" -- "$cur"))
    fi
    return
  fi

  if [[ $noun == sandbox ]]; then
    COMPREPLY=($(compgen -W "$(_drso_options sandbox '') --help --output" -- "$cur"))
    return
  fi

  if [[ -z $verb ]]; then
    COMPREPLY=($(compgen -W "$(_drso_verbs "$noun")" -- "$cur"))
    return
  fi

  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$(_drso_options "$noun" "$verb") --help --output" -- "$cur"))
  elif [[ "$noun $verb" == "plans import" ]]; then
    COMPREPLY=($(compgen -f -- "$cur"))
  elif [[ "$noun $verb" == "config set" && ${#words_left[@]} -eq 2 ]] ||
       [[ "$noun $verb" == "config show" ]]; then
    COMPREPLY=($(compgen -W "role window-width window-height window-maximized" -- "$cur"))
  elif [[ "$noun $verb" == "config set" && ${words_left[2]-} == role ]]; then
    COMPREPLY=($(compgen -W "administrator recovery-manager plan-manager operator read-only" -- "$cur"))
  fi
}

complete -F _drso drso
