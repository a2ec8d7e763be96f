#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# vm-test.sh - build vexfs.ko and a static vexfs-inspect, boot Debian 12's
# kernel under qemu (TCG) with one virtio disk per image, mount every image
# read-only and print its tree; mount corrupted images and require clean
# errors; check the kernel log for BUG/Oops/WARNING/KASAN/general protection.
#
# usage: vm-test.sh WORKDIR MANIFEST
#   MANIFEST lines: "good NAME IMAGE" or "bad NAME IMAGE" (at most 26 lines).
# Output: WORKDIR/serial.log; for each good image WORKDIR/NAME.listing (what
# the VM printed). Exit 0 if the VM ran to the end without kernel errors.
# Installs nothing: fails with a clear message if packages are missing.
set -euo pipefail

WORK=$1
MANIFEST=$2
TIMEOUT=${VM_TIMEOUT:-170}
HERE=$(cd "$(dirname "$0")/.." && pwd)
log() { printf '[vm-test %(%H:%M:%S)T] %s\n' -1 "$*"; }
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

# VEXFS_VM_BUILD: directory reused across boots (build once per test run)
B=${VEXFS_VM_BUILD:-$WORK/build}
mkdir -p "$WORK" "$B"
rm -rf "$WORK/initramfs" "$WORK/initramfs.cpio.gz" "$WORK"/*.listing "$WORK/serial.log"
if [[ ! -f $B/src/fs/vexfs.ko || ! -f $B/vexfs-inspect.static ]]; then
	rm -rf "$B/src"
	mkdir -p "$B/src"
	cp -r "$HERE/fs" "$HERE/include" "$HERE/tools" "$B/src/"
	rm -f "$B"/src/fs/*.o "$B"/src/fs/*.ko "$B"/src/fs/.*.cmd
	t0=$SECONDS
	make -s -C "$KDIR" M="$B/src/fs" modules > "$B/build.log" 2>&1 || { cat "$B/build.log"; die "module build failed"; }
	if grep -E 'warning:|error:' "$B/build.log"; then die "compiler warnings in the module build"; fi
	make -s -C "$B/src/tools" OUT="$B" "$B/vexfs-inspect.static" || die "static vexfs-inspect build failed"
	log "module + static vexfs-inspect built in $((SECONDS - t0)) s"
fi
vm=$(modinfo -F vermagic "$B/src/fs/vexfs.ko")
[[ $vm == "$KVER "* ]] || die "vermagic '$vm' does not match $KVER"

R=$WORK/initramfs
mkdir -p "$R"/{bin,dev,proc,sys,mnt,tmp,lib/modules}
ln -s bin "$R/sbin"
cp /bin/busybox "$R/bin/busybox"
for a in $("$R/bin/busybox" --list); do [[ $a == busybox ]] || ln -s busybox "$R/bin/$a"; done
cp "$B/vexfs-inspect.static" "$R/bin/vexfs-inspect"

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

drives=()
letters=(a b c d e f g h i j k l m n o p q r s t u v w x y z)
i=0
: > "$R/manifest"
while read -r kind name img; do
	[[ -z ${kind:-} ]] && continue
	((i < 26)) || die "at most 26 images per boot"
	[[ -f $img ]] || die "image $img missing"
	echo "$kind $name vd${letters[i]}" >> "$R/manifest"
	drives+=(-drive "file=$img,format=raw,if=virtio,readonly=on")
	i=$((i + 1))
done < "$MANIFEST"

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
while [ $i -lt 100 ] && [ $(ls /dev/vd* 2>/dev/null | wc -l) -lt $n ]; do sleep 0.1; i=$((i+1)); done
while read kind name dev; do
	[ -b /dev/$dev ] || fail "/dev/$dev missing"
	if [ $kind = good ]; then
		if mount -t vexfs /dev/$dev /mnt 2>/dev/null; then
			grep -q " /mnt vexfs ro" /proc/mounts || fail "$name: read-write mount accepted"
			umount /mnt
		fi
		mount -t vexfs -o ro /dev/$dev /mnt || fail "$name: mount failed"
		echo "=== BEGIN $name"
		vexfs-inspect --tree /mnt; rc=$?
		echo "=== END $name rc=$rc"
		stat -f -c "=== STATFS $name blocks=%b free=%f files=%c ffree=%d" /mnt
		umount /mnt || fail "$name: umount"
	else
		if mount -t vexfs -o ro /dev/$dev /mnt 2>/tmp/err; then
			echo "=== BAD $name mounted"
			vexfs-inspect --tree /mnt > /tmp/out 2>&1; rc=$?
			grep -c ERROR /tmp/out | sed "s/^/=== BAD $name error-lines=/"
			grep ERROR /tmp/out | head -3
			echo "=== BAD $name walk rc=$rc"
			umount /mnt || fail "$name: umount"
		else
			echo "=== BAD $name refused: $(cat /tmp/err)"
		fi
	fi
done < /manifest
rmmod vexfs || fail "rmmod vexfs"
echo "=== KERNEL-LOG"
dmesg | grep -E 'vexfs|BUG|Oops|WARNING|KASAN|general protection|Call Trace'
echo "=== VM-DONE"
poweroff -f
INIT
chmod 755 "$R/init"
(cd "$R" && find . | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0 | gzip -1) > "$WORK/initramfs.cpio.gz"

t0=$(date +%s.%N)
set +e
timeout -k 5 "$TIMEOUT" qemu-system-x86_64 -accel tcg -m 512 -smp 1 -nodefaults -display none -no-reboot \
	-kernel "$KIMG" -initrd "$WORK/initramfs.cpio.gz" -append 'console=ttyS0 panic=-1 quiet loglevel=4' \
	"${drives[@]}" -serial "file:$WORK/serial.log" </dev/null 2> "$WORK/qemu.err"
rc=$?
set -e
log "qemu rc=$rc, wall $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}') s"
tr -d '\r' < "$WORK/serial.log" > "$WORK/serial.txt"
awk -v dir="$WORK" '
	/^=== BEGIN / { name = $3; file = dir "/" name ".listing"; printf "" > file; next }
	/^=== END /   { close(file); file = ""; next }
	file != ""    { print >> file }
' "$WORK/serial.txt"
grep -q '^VM-FAIL' "$WORK/serial.txt" && die "$(grep '^VM-FAIL' "$WORK/serial.txt")"
grep -q '^=== VM-DONE' "$WORK/serial.txt" || { tail -40 "$WORK/serial.txt"; die "VM did not finish (rc=$rc)"; }
if grep -E 'BUG|Oops|WARNING|KASAN|general protection|Call Trace' "$WORK/serial.txt"; then
	die "kernel reported a bug"
fi
log "PASS"
