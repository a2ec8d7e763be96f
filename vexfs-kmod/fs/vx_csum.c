// SPDX-License-Identifier: GPL-2.0
/*
 * vx_csum.c - CRC32C checksums and the directory name hash of VexFS.
 *
 * FORMAT.md defines CRC32C as java.util.zip.CRC32C computes it: initial value
 * 0xFFFFFFFF and final xor 0xFFFFFFFF. The kernel's crc32c() does neither, so
 * vx_crc32c() inverts on the way in and out (which also makes it chainable).
 */
#include "vx_core.h"

u32 vx_crc32c(u32 crc, const void *p, size_t len)
{
	return ~crc32c(~crc, p, len);
}

/*
 * The journal commit's images_crc is a CRC-32 (IEEE polynomial, zlib's crc32),
 * not a CRC32C: images end in their own CRC32C, which would make a CRC32C over
 * them blind to their contents (FORMAT.md, "Transaction").
 */
u32 vx_crc32(u32 crc, const void *p, size_t len)
{
	return ~crc32_le(~crc, p, len);
}

static u32 vx_seeded(const struct vx_vol *v, u64 number)
{
	u8 le[8];
	int i;

	for (i = 0; i < 8; i++)
		le[i] = (u8)(number >> (8 * i));
	return vx_crc32c(vx_crc32c(0, v->uuid, 16), le, 8);
}

u32 vx_block_csum(const struct vx_vol *v, u64 blk, const u8 *block)
{
	return vx_crc32c(vx_seeded(v, blk), block, VEXFS_CSUM_OFFSET);
}

u32 vx_inode_csum(const struct vx_vol *v, u64 ino, const u8 *raw)
{
	return vx_crc32c(vx_seeded(v, ino), raw, VEXFS_INODE_SIZE - 4);
}

u64 vx_name_hash(const struct vx_vol *v, const u8 *name, size_t len)
{
	u64 h = VEXFS_DIR_HASH_BASIS ^ v->hash_seed;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= name[i];
		h *= VEXFS_DIR_HASH_PRIME;
	}
	h ^= h >> 33;
	h *= VEXFS_DIR_HASH_MIX;
	h ^= h >> 33;
	return h;
}
