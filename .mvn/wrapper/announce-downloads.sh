# Says, before Maven starts, that a first run is downloading: the wrapper fetches Maven without a word,
# and the README's commands pass -q, which hides Maven's own download lines too.
# ./mvnw runs it with the wrapper's Maven home and Maven's arguments; it only prints, to stderr.

set -f # MAVEN_OPTS and MAVEN_ARGS are split into words below, never expanded as file names
maven_home=$1
shift
project_dir=$(dirname "$0")/../..

if [ ! -d "$maven_home" ]; then
  echo "The Maven Wrapper is downloading Maven from Maven Central (9 MB, once)..." >&2
fi

quiet=false offline=false repository=
for arg in "$@" ${MAVEN_ARGS-} ${MAVEN_OPTS-}; do
  case $arg in
    -q | --quiet) quiet=true ;;
    -o | --offline) offline=true ;;
    -Dmaven.repo.local=*) repository=${arg#-Dmaven.repo.local=} ;;
  esac
done
# Without -q Maven prints its downloads itself; offline, it downloads nothing.
[ "$quiet" = true ] && [ "$offline" = false ] || exit 0

if [ -z "$repository" ]; then
  repository=$HOME/.m2/repository
  # A repository moved by the user's settings.xml: its path may hold ${...}, which only Maven expands.
  if grep -q '<localRepository>' "$HOME/.m2/settings.xml" 2>/dev/null; then
    exit 0
  fi
fi

# Every command compiles: a compiler plugin missing at the version pom.xml pins means a first run.
compiler_version=$(sed -n 's:.*<compiler.plugin.version>\(.*\)</compiler.plugin.version>.*:\1:p' "$project_dir/pom.xml")
if [ ! -d "$repository/org/apache/maven/plugins/maven-compiler-plugin/$compiler_version" ]; then
  echo "Maven is downloading the plugins and libraries this build needs from Maven Central (once, tens" \
    "of MB), then compiles: -q keeps it quiet until then." >&2
fi
