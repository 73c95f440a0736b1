#!/bin/sh
# Runs one wsinfer tool of the image: wsinfer <server|loadtest|reports> [arguments of that tool...]
# JVM flags come from JAVA_OPTS. exec makes the JVM the container's main process, so SIGTERM reaches the server
# directly and starts its drain.
set -eu

home="${WSINFER_HOME:-/opt/wsinfer}"

usage() {
    echo "usage: wsinfer <server|loadtest|reports> [arguments...]" >&2
    echo "  runs java \$JAVA_OPTS -jar $home/wsinfer-<tool>.jar [arguments...]" >&2
}

if [ "$#" -lt 1 ]; then
    usage
    exit 2
fi

tool="$1"
shift
case "$tool" in
    server | loadtest | reports) ;;
    -h | --help | help)
        usage
        exit 0
        ;;
    *)
        echo "wsinfer: unknown tool '$tool' (expected server, loadtest or reports)" >&2
        usage
        exit 2
        ;;
esac

jar="$home/wsinfer-$tool.jar"
if [ ! -r "$jar" ]; then
    echo "wsinfer: $jar is missing or unreadable" >&2
    exit 2
fi

# JAVA_OPTS holds several flags: split on whitespace on purpose
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -jar "$jar" "$@"
