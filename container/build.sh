#!/usr/bin/env bash
# Builds the Huruhuru container image with buildah, offline: a JRE made by jlink from this machine's JDK 17, the
# shared libraries it and the jar's native libraries need copied from this machine's glibc system, the runnable jar
# and a health check, on an empty base (buildah from scratch). Docker image format, for its HEALTHCHECK.
#
#   container/build.sh [--jar FILE] [--tag NAME] [--root DIR --runroot DIR] [--push DESTINATION]
#
# --root/--runroot choose buildah's storage (default: buildah's own); --push pushes the image after the build
# (any buildah push destination, e.g. docker://127.0.0.1:5000/huruhuru:0.1.0; --tls-verify=false is used).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
jar="$repo/registry-server/target/huruhuru.jar"
version="$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$repo/pom.xml" | head -1)"
tag="localhost/huruhuru:${version}"
push=""
storage=(--storage-driver vfs)
while [[ $# -gt 0 ]]; do
  case "$1" in
    --jar) jar="$2"; shift 2 ;;
    --tag) tag="$2"; shift 2 ;;
    --root) storage+=(--root "$2"); shift 2 ;;
    --runroot) storage+=(--runroot "$2"); shift 2 ;;
    --push) push="$2"; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
[[ -f "$jar" ]] || { echo "no jar at $jar: run ./mvnw -DskipTests package first" >&2; exit 2; }

uid=65532
work="$(mktemp -d)"
container=""
cleanup() {
  [[ -n "$container" ]] && buildah "${storage[@]}" rm "$container" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
rootfs="$work/rootfs"
mkdir -p "$rootfs"/{opt/huruhuru,etc,var/lib/huruhuru}
install -d -m 1777 "$rootfs/tmp"

# The JRE: the modules jdeps finds in the jar, plus those it cannot see because they are loaded by name or through
# services: the EC provider (ES256 tokens, P-256 signing keys, TLS), JMX and the com.sun.management beans (JVM and
# process metrics), the JAR file system.
java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}"
modules="$("$java_home/bin/jdeps" --ignore-missing-deps --print-module-deps --multi-release 17 "$jar")"
modules="$modules,jdk.crypto.ec,java.management,jdk.management,jdk.zipfs"
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --compress=2 \
  --output "$rootfs/opt/java"
# java.desktop is there for java.beans only (Jackson and SnakeYAML): the server is headless, so the native libraries
# for X11, fonts, images, sound and the splash screen, and the system libraries they would pull in, stay out.
rm -f "$rootfs"/opt/java/lib/{libawt_xawt,libfontmanager,libjavajpeg,liblcms,libmlib_image,libsplashscreen,libjsound}.so
# Debian's JDK libraries keep their symbol tables (4 MB in libjvm.so alone); the dynamic symbols stay.
find "$rootfs/opt/java" -name '*.so' -exec strip --strip-unneeded {} +
# Class data sharing archive: the JVM starts faster (the health check starts one every 30 s).
"$rootfs/opt/java/bin/java" -Xshare:dump >/dev/null

# The jar serves x86_64 and aarch64; the image runs on this machine's CPU only, so the other CPU's RocksDB and zstd
# libraries (15 MB) are left out of the image's copy.
case "$(uname -m)" in
  x86_64) other_cpu=(librocksdbjni-linux-aarch64.so 'linux/aarch64/') ;;
  aarch64) other_cpu=(librocksdbjni-linux64.so 'linux/amd64/') ;;
  *) echo "no native libraries in the jar for $(uname -m)" >&2; exit 2 ;;
esac
# The native libraries kept are also unpacked into $work/native, for ldd below.
mkdir -p "$work/native"
python3 - "$jar" "$rootfs/opt/huruhuru/huruhuru.jar" "$work/native" "${other_cpu[@]}" <<'PYTHON'
import os, sys, zipfile
source, target, native, *left_out = sys.argv[1:]
with zipfile.ZipFile(source) as jar_in, zipfile.ZipFile(target, "w") as jar_out:
    for entry in jar_in.infolist():
        name = entry.filename
        if any(name == other or (other.endswith("/") and name.startswith(other)) for other in left_out):
            continue
        data = jar_in.read(entry)
        jar_out.writestr(entry, data)
        if name.endswith(".so") and (name.startswith("librocksdbjni-linux") or name.startswith("linux/")):
            with open(os.path.join(native, os.path.basename(name)), "wb") as library:
                library.write(data)
PYTHON
"$java_home/bin/javac" --release 17 -d "$rootfs/opt/huruhuru/healthcheck" "$here/healthcheck/Readyz.java"

# Shared libraries: what every ELF file of the JRE and the jar's native libraries for this CPU load, resolved by this
# machine's loader and copied to the same paths (the loader's own path included).
elf_files() { find "$rootfs/opt/java" "$work/native" -type f \( -name '*.so' -o -perm -u+x \) -exec sh -c \
  'head -c 4 "$1" | grep -q "ELF" && echo "$1"' _ {} \; ; }
# ldd fails for the static ones, which need nothing.
libraries="$(elf_files | { xargs -r ldd 2>/dev/null || true; } | awk '/=> \// {print $3} /^\t\/[^ ]+ \(/ {print $1}' | sort -u)"
for library in $libraries; do
  [[ "$library" == "$work"/* ]] && continue
  mkdir -p "$rootfs$(dirname "$library")"
  cp -L "$library" "$rootfs$library"
done
# Debian's loader path is /lib64/ld-linux-x86-64.so.2 and libraries live in /lib/x86_64-linux-gnu: /lib is a link
# to usr/lib on a merged-/usr system, so the same links make both spellings of a path resolve in the image.
for link in /lib /lib64; do
  if [[ -L "$link" ]]; then
    target="$(readlink "$link")"
    if [[ -d "$rootfs$link" && ! -L "$rootfs$link" ]]; then
      mkdir -p "$rootfs/$target" && cp -a "$rootfs$link/." "$rootfs/$target/" && rm -rf "${rootfs:?}$link"
    fi
    ln -s "$target" "$rootfs$link"
  fi
done

cat > "$rootfs/etc/passwd" <<PASSWD
root:x:0:0:root:/root:/sbin/nologin
huruhuru:x:$uid:$uid:huruhuru:/var/lib/huruhuru:/sbin/nologin
PASSWD
cat > "$rootfs/etc/group" <<GROUP
root:x:0:
huruhuru:x:$uid:
GROUP
printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$rootfs/etc/nsswitch.conf"
chown "$uid:$uid" "$rootfs/var/lib/huruhuru"

# The Docker image format: the OCI image configuration has no HEALTHCHECK.
export BUILDAH_FORMAT=docker
container="$(buildah "${storage[@]}" from scratch)"
mount="$(buildah "${storage[@]}" mount "$container")"
cp -a "$rootfs/." "$mount/"
buildah "${storage[@]}" umount "$container" >/dev/null

revision="$(git -C "$repo" rev-parse HEAD 2>/dev/null || echo unknown)"
buildah "${storage[@]}" config \
  --user "$uid:$uid" \
  --workingdir /var/lib/huruhuru \
  --volume /var/lib/huruhuru \
  --port 5000/tcp \
  --env LANG=C.UTF-8 \
  --env JDK_JAVA_OPTIONS="-Xms512m -Xmx512m" \
  --entrypoint '["/opt/java/bin/java", "-jar", "/opt/huruhuru/huruhuru.jar"]' \
  --cmd '["serve", "--listen", "0.0.0.0:5000", "--data", "/var/lib/huruhuru"]' \
  --stop-signal SIGTERM \
  --healthcheck 'CMD /opt/java/bin/java -Xms8m -Xmx16m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp /opt/huruhuru/healthcheck Readyz 127.0.0.1 5000 /readyz' \
  --healthcheck-interval 30s --healthcheck-timeout 10s --healthcheck-start-period 60s --healthcheck-retries 3 \
  --label org.opencontainers.image.title=huruhuru \
  --label "org.opencontainers.image.description=Huruhuru, an OCI distribution-spec v1.1 registry for seL4 systems" \
  --label "org.opencontainers.image.version=$version" \
  --label "org.opencontainers.image.revision=$revision" \
  --label "org.opencontainers.image.created=$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
  --label org.opencontainers.image.source=https://github.com/huruhuru/huruhuru \
  "$container"
buildah "${storage[@]}" commit --quiet --format docker --rm "$container" "$tag" >/dev/null
container=""
echo "built $tag"

if [[ -n "$push" ]]; then
  buildah "${storage[@]}" push --quiet --tls-verify=false "$tag" "$push"
  echo "pushed $tag to $push"
fi
