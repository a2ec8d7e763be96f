// SPDX-License-Identifier: GPL-2.0
/*
 * vx_xattr.c - extended attribute lists (inline in the inode, or in one
 * overflow block). The whole list is validated before any entry is returned.
 */
#include "vx_core.h"

#define XB_OFF(f)	offsetof(struct vexfs_xattr_block, f)

static int check_list(const u8 *list, u32 len, u32 count)
{
	u32 off = 0, i;

	for (i = 0; i < count; i++) {
		u8 nlen;
		u16 vlen;

		if (len - off < 4)
			return -EUCLEAN;
		nlen = list[off];
		vlen = get_unaligned_le16(list + off + 2);
		if (nlen < 1 || vlen > VEXFS_XATTR_VALUE_MAX || len - off - 4 < (u32)nlen + vlen ||
		    memchr(list + off + 4, 0, nlen))
			return -EUCLEAN;
		off += 4 + (u32)nlen + vlen;
	}
	return off == len ? 0 : -EUCLEAN;
}

/* Count entries of an inline list (it has no count field): it must parse exactly. */
static int count_inline(const u8 *list, u32 len, u32 *count)
{
	u32 off = 0, n = 0;

	while (off < len) {
		if (len - off < 4)
			return -EUCLEAN;
		off += 4 + (u32)list[off] + get_unaligned_le16(list + off + 2);
		if (off > len)
			return -EUCLEAN;
		n++;
	}
	*count = n;
	return 0;
}

int vx_xattr_list(struct vx_vol *v, const struct vx_inode *ino, const u8 **list, u32 *len,
		  u32 *count, u8 *buf)
{
	int err;

	if (ino->xattr_block) {
		err = vx_read_checked(v, ino->xattr_block, VEXFS_XATTR_MAGIC, buf);
		if (err)
			return err;
		if (get_unaligned_le64(buf + XB_OFF(owner)) != ino->ino)
			return -EUCLEAN;
		*count = get_unaligned_le16(buf + XB_OFF(count));
		*len = get_unaligned_le16(buf + XB_OFF(used));
		if (*len > VEXFS_BLOCK_SIZE - 20)
			return -EUCLEAN;
		*list = buf + XB_OFF(entries);
	} else {
		*list = ino->inline_xattr;
		*len = ino->inline_xattr_len;
		err = count_inline(*list, *len, count);
		if (err)
			return err;
	}
	return check_list(*list, *len, *count);
}

int vx_xattr_next(const u8 *list, u32 len, u32 *off, const u8 **name, u8 *name_len,
		  const u8 **value, u16 *value_len)
{
	if (*off >= len)
		return 0;
	*name_len = list[*off];
	*value_len = get_unaligned_le16(list + *off + 2);
	*name = list + *off + 4;
	*value = *name + *name_len;
	*off += 4 + (u32)*name_len + *value_len;
	return 1;
}
