#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# vm-test.sh - build vexfs.ko, a static vexfs-inspect and a static vexfs-knn
# (once per source state), boot Debian 12's kernel ONCE under qemu (TCG) with
# one virtio disk per image, mount every image read-only, print its tree, run
# k-NN queries through the ioctl; mount corrupted images and require clean
# errors; check the kernel log for BUG/Oops/WARNING/KASAN/general protection.
#
# usage: vm-test.sh WORKDIR MANIFEST
#   MANIFEST lines (at most 62 images):
#     good NAME IMAGE                  must mount; tree printed
#     bad NAME IMAGE                   may be refused; if mounted, walked
#     knn NAME ID K PATH SPACE X1...   after mounting NAME: vexfs-knn -k K /mnt/PATH SPACE X1...
# Output in WORKDIR: serial.txt (console), NAME.listing, NAME.knn-ID (stdout+stderr of
# vexfs-knn, then "rc=N"), results.txt (one line per image: how it was handled).
# Exit 0 if the VM ran to the end without kernel errors.
# VEXFS_VM_BUILD: build cache directory (default ../target/vm-build); the module and
# tools are rebuilt only when the sources or the kernel change.
# Installs nothing: fails with a clear message if packages are missing.
set -euo pipefail

WORK=$1
MANIFEST=$2
TIMEOUT=${VM_TIMEOUT:-300}
HERE=$(cd "$(dirname "$0")/.." && pwd)
T0=$SECONDS
log() { printf '[vm-test %(%H:%M:%S)T +%ds] %s\n' -1 $((SECONDS - T0)) "$*"; }
die() { log "FAIL: $*"; exit 1; }

missing=()
for p in linux-headers-amd64 linux-image-amd64 qemu-system-x86 busybox-static cpio; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done
((${#missing[@]} == 0)) || die "missing Debian packages: ${missing[*]} (install: apt-get install ${missing[*]})"
command -v gcc >/dev/null || die "gcc missing"

KVER=$(dpkg-query -W -f='${Depends}' linux-image-amd64 | sed -n 's/^linux-image-\([^ ,]*\).*/\1/p')
[[ -n $KVER ]] || die "cannot determine the Debian kernel version"
KDIR=/lib/modules/$KVER/build
KIMG=/boot/vmlinuz-$KVER
MODDIR=/lib/modules/$KVER
[[ -f $KDIR/Makefile ]] || die "no kernel build dir $KDIR"
[[ -f $KIMG ]] || die "no kernel image $KIMG"

# ---------------------------------------------------------------- build (cached)
B=${VEXFS_VM_BUILD:-$HERE/target/vm-build}
mkdir -p "$WORK" "$B"
rm -rf "$WORK/initramfs" "$WORK/initramfs.cpio.gz" "$WORK"/*.listing "$WORK"/*.knn-* "$WORK/serial.log" "$WORK/results.txt"
key=$( (echo "$KVER"; gcc --version | head -1
	cd "$HERE" && find fs include tools -type f \( -name '*.[ch]' -o -name Kbuild -o -name Makefile \) \
		-not -name '*.mod.c' | LC_ALL=C sort | xargs sha256sum) | sha256sum | cut -c1-16)
if [[ $(cat "$B/stamp" 2>/dev/null) != "$key" || ! -f $B/src/fs/vexfs.ko ]]; then
	rm -rf "$B/src" "$B/stamp"
	mkdir -p "$B/src"
	cp -r "$HERE/fs" "$HERE/include" "$HERE/tools" "$B/src/"
	rm -f "$B"/src/fs/*.o "$B"/src/fs/*.ko "$B"/src/fs/.*.cmd "$B"/src/fs/*.mod* "$B"/src/fs/modules.order "$B"/src/fs/Module.symvers
	t0=$SECONDS
	make -s -C "$KDIR" M="$B/src/fs" modules > "$B/build.log" 2>&1 || { cat "$B/build.log"; die "module build failed"; }
	if grep -E 'warning:|error:' "$B/build.log"; then die "compiler warnings in the module build"; fi
	make -s -C "$B/src/tools" OUT="$B" "$B/vexfs-inspect.static" "$B/vexfs-knn.static" 2>&1 | grep -v 'statically linked' || true
	[[ -x $B/vexfs-inspect.static && -x $B/vexfs-knn.static ]] || die "static tool build failed"
	echo "$key" > "$B/stamp"
	log "module + static tools built in $((SECONDS - t0)) s (cache key $key)"
else
	log "module + static tools reused from $B (cache key $key)"
fi
vm=$(modinfo -F vermagic "$B/src/fs/vexfs.ko")
[[ $vm == "$KVER "* ]] || die "vermagic '$vm' does not match $KVER"

# ---------------------------------------------------------------- initramfs
R=$WORK/initramfs
mkdir -p "$R"/{bin,dev,proc,sys,mnt,tmp,lib/modules,knn}
ln -s bin "$R/sbin"
cp /bin/busybox "$R/bin/busybox"
for a in $("$R/bin/busybox" --list); do [[ $a == busybox ]] || ln -s busybox "$R/bin/$a"; done
cp "$B/vexfs-inspect.static" "$R/bin/vexfs-inspect"
cp "$B/vexfs-knn.static" "$R/bin/vexfs-knn"

declare -A seen=(); order=()
add_mod() {
	local line deps i
	[[ -n ${seen[$1]:-} ]] && return; seen[$1]=1
	line=$(grep -E "^$1:" "$MODDIR/modules.dep") || die "$1 not in modules.dep"
	read -r -a deps <<<"${line#*:}"
	for ((i=${#deps[@]}-1; i>=0; i--)); do add_mod "${deps[i]}"; done
	order+=("$1")
}
for want in virtio_pci virtio_blk crc32c_generic libcrc32c; do
	if grep -qE "/$want\.ko" "$MODDIR/modules.builtin"; then continue; fi
	add_mod "$(grep -oE "^[^:]*/$want\.ko(\.[gx]z|\.zst)?:" "$MODDIR/modules.dep" | tr -d :)"
done
: > "$R/lib/modules/load-order"
for m in "${order[@]}"; do
	b=$(basename "$m"); b=${b%.xz}; b=${b%.gz}; b=${b%.zst}
	case $m in
	*.xz) xz -dc "$MODDIR/$m" > "$R/lib/modules/$b" ;;
	*.gz) gzip -dc "$MODDIR/$m" > "$R/lib/modules/$b" ;;
	*.zst) zstd -qdc "$MODDIR/$m" > "$R/lib/modules/$b" ;;
	*) cp "$MODDIR/$m" "$R/lib/modules/$b" ;;
	esac
	echo "$b" >> "$R/lib/modules/load-order"
done
cp "$B/src/fs/vexfs.ko" "$R/lib/modules/"

# disks: virtio-blk with serial iN, 31 per PCI bridge (bus 0 has too few free slots)
drives=(-device pci-bridge,id=br0,chassis_nr=1,bus=pci.0,addr=0x10,shpc=off
	-device pci-bridge,id=br1,chassis_nr=2,bus=pci.0,addr=0x11,shpc=off)
i=0
: > "$R/manifest"
while read -r kind name rest; do
	[[ -z ${kind:-} || $kind == '#'* ]] && continue
	case $kind in
	good|bad)
		((i < 62)) || die "at most 62 images per boot"
		[[ -f $rest ]] || die "image $rest missing"
		echo "$kind $name i$i" >> "$R/manifest"
		drives+=(-drive "file=$rest,format=raw,if=none,id=d$i,readonly=on"
			-device "virtio-blk-pci,drive=d$i,serial=i$i,bus=br$((i / 31)),addr=$(printf 0x%x $((i % 31 + 1)))")
		i=$((i + 1)) ;;
	knn) echo "$rest" >> "$R/knn/$name" ;;
	*) die "bad manifest line: $kind $name $rest" ;;
	esac
done < "$MANIFEST"
NDISKS=$i

cat > "$R/init" <<'INIT'
#!/bin/sh
export PATH=/bin
mount -t devtmpfs devtmpfs /dev
exec </dev/console >/dev/console 2>&1
mount -t proc proc /proc
mount -t sysfs sysfs /sys
fail() { echo "VM-FAIL: $*"; poweroff -f; }
for m in $(cat /lib/modules/load-order); do insmod /lib/modules/$m || fail "insmod $m"; done
insmod /lib/modules/vexfs.ko || fail "insmod vexfs"
grep -q vexfs /proc/filesystems || fail "vexfs not registered"
n=$(wc -l < /manifest); i=0
while [ $i -lt 300 ] && [ $(ls -d /sys/block/vd* 2>/dev/null | wc -l) -lt $n ]; do sleep 0.1; i=$((i+1)); done
for b in /sys/block/vd*; do echo "$(cat $b/serial) ${b##*/}"; done > /tmp/devmap
dmesg -c > /tmp/klog
knn() {	# knn NAME: run the queries listed for NAME
	[ -f /knn/$1 ] || return 0
	while read id k path space q; do
		echo "=== BEGIN-KNN $1 $id"
		vexfs-knn -k $k /mnt$path $space $q 2>&1; echo "rc=$?"
		echo "=== END-KNN $1 $id"
	done < /knn/$1
}
while read kind name serial; do
	dev=$(grep "^$serial " /tmp/devmap | cut -d' ' -f2)
	[ -n "$dev" ] && [ -b /dev/$dev ] || fail "disk $serial of $name missing"
	if [ $kind = good ]; then
		if mount -t vexfs /dev/$dev /mnt 2>/dev/null; then
			grep -q " /mnt vexfs ro" /proc/mounts || fail "$name: read-write mount accepted"
			umount /mnt
		fi
		mount -t vexfs -o ro /dev/$dev /mnt || fail "$name: mount failed"
		echo "=== BEGIN-LISTING $name"
		vexfs-inspect --tree /mnt; rc=$?
		echo "=== END-LISTING $name rc=$rc"
		stat -f -c "=== STATFS $name blocks=%b free=%f files=%c ffree=%d" /mnt
		knn $name
		umount /mnt || fail "$name: umount"
		echo "=== RESULT $name good mounted walk-rc=$rc"
	else
		if mount -t vexfs -o ro /dev/$dev /mnt 2>/tmp/err; then
			vexfs-inspect --tree /mnt > /tmp/out 2>&1; rc=$?
			e=$(grep -c ERROR /tmp/out)
			grep ERROR /tmp/out | head -3
			knn $name
			umount /mnt || fail "$name: umount"
			echo "=== RESULT $name bad mounted walk-rc=$rc error-lines=$e first: $(grep ERROR /tmp/out | head -1 | tr '\t' ' ')"
		else
			echo "=== RESULT $name bad refused: $(tr '\n' ' ' < /tmp/err)| kernel: $(dmesg | grep 'vexfs:' | tail -1 | sed 's/^\[[^]]*\] //')"
		fi
	fi
	dmesg -c >> /tmp/klog
done < /manifest
rmmod vexfs || fail "rmmod vexfs"
dmesg -c >> /tmp/klog
echo "=== KERNEL-LOG"
grep -E 'vexfs|BUG|Oops|WARNING|KASAN|general protection|Call Trace' /tmp/klog
echo "=== VM-DONE"
poweroff -f
INIT
chmod 755 "$R/init"
(cd "$R" && find . | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0 | gzip -1) > "$WORK/initramfs.cpio.gz"
log "initramfs ready, booting with $NDISKS disks"

t0=$(date +%s.%N)
set +e
timeout -k 5 "$TIMEOUT" qemu-system-x86_64 -accel tcg -m 512 -smp 1 -nodefaults -display none -no-reboot \
	-kernel "$KIMG" -initrd "$WORK/initramfs.cpio.gz" -append 'console=ttyS0 panic=-1 quiet loglevel=4' \
	"${drives[@]}" -serial "file:$WORK/serial.log" </dev/null 2> "$WORK/qemu.err"
rc=$?
set -e
log "qemu rc=$rc, wall $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}') s"
[[ -s $WORK/qemu.err ]] && cat "$WORK/qemu.err"
tr -d '\r' < "$WORK/serial.log" > "$WORK/serial.txt"
awk -v dir="$WORK" '
	/^=== BEGIN-LISTING / { file = dir "/" $3 ".listing"; printf "" > file; next }
	/^=== BEGIN-KNN /     { file = dir "/" $3 ".knn-" $4; printf "" > file; next }
	/^=== END-/           { close(file); file = ""; next }
	/^=== RESULT /        { sub(/^=== RESULT /, ""); print > (dir "/results.txt"); next }
	file != ""            { print >> file }
' "$WORK/serial.txt"
grep -q '^VM-FAIL' "$WORK/serial.txt" && die "$(grep '^VM-FAIL' "$WORK/serial.txt")"
grep -q '^=== VM-DONE' "$WORK/serial.txt" || { tail -40 "$WORK/serial.txt"; die "VM did not finish (rc=$rc)"; }
if grep -E 'BUG|Oops|WARNING|KASAN|general protection|Call Trace' "$WORK/serial.txt"; then
	die "kernel reported a bug"
fi
good=$(grep -c ' good mounted' "$WORK/results.txt" || true)
refused=$(grep -c ' bad refused' "$WORK/results.txt" || true)
walked=$(grep -c ' bad mounted' "$WORK/results.txt" || true)
log "SUMMARY: $good good images mounted, $refused corrupt images refused, $walked corrupt images mounted with clean errors, $(ls "$WORK"/*.knn-* 2>/dev/null | wc -l) k-NN queries, total $((SECONDS - T0)) s"
log "PASS"
