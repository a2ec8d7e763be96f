// SPDX-License-Identifier: GPL-2.0
/* xattr.c - user.* extended attributes (read-only). */
#include <linux/xattr.h>
#include "vexfs.h"

static int vexfs_xattr_user_get(const struct xattr_handler *handler, struct dentry *unused,
				struct inode *inode, const char *name, void *buffer, size_t size)
{
	struct vx_vol *v = VEXFS_VOL(inode->i_sb);
	size_t plen = XATTR_USER_PREFIX_LEN, nlen = strlen(name);
	const u8 *list, *n, *val;
	u32 len, count, off = 0;
	u8 nl;
	u16 vl;
	u8 *buf;
	int err;

	buf = kmalloc(VX_BS, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	err = vx_xattr_list(v, &VEXFS_I(inode)->di, &list, &len, &count, buf);
	if (err)
		goto out;
	err = -ENODATA;
	while (vx_xattr_next(list, len, &off, &n, &nl, &val, &vl)) {
		if (nl != plen + nlen || memcmp(n, XATTR_USER_PREFIX, plen) ||
		    memcmp(n + plen, name, nlen))
			continue;
		if (buffer && size) {
			if (size < vl) {
				err = -ERANGE;
				goto out;
			}
			memcpy(buffer, val, vl);
		}
		err = vl;
		break;
	}
out:
	kfree(buf);
	return err;
}

ssize_t vexfs_listxattr(struct dentry *dentry, char *buffer, size_t size)
{
	struct inode *inode = d_inode(dentry);
	struct vx_vol *v = VEXFS_VOL(inode->i_sb);
	const u8 *list, *n, *val;
	u32 len, count, off = 0;
	size_t total = 0;
	u8 nl;
	u16 vl;
	u8 *buf;
	int err;

	buf = kmalloc(VX_BS, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	err = vx_xattr_list(v, &VEXFS_I(inode)->di, &list, &len, &count, buf);
	if (err)
		goto out;
	while (vx_xattr_next(list, len, &off, &n, &nl, &val, &vl)) {
		if (nl <= XATTR_USER_PREFIX_LEN || memcmp(n, XATTR_USER_PREFIX, XATTR_USER_PREFIX_LEN))
			continue;
		if (buffer && size) {
			if (total + nl + 1 > size) {
				err = -ERANGE;
				goto out;
			}
			memcpy(buffer + total, n, nl);
			buffer[total + nl] = 0;
		}
		total += nl + 1;
	}
	kfree(buf);
	return total;
out:
	kfree(buf);
	return err;
}

static const struct xattr_handler vexfs_xattr_user_handler = {
	.prefix	= XATTR_USER_PREFIX,
	.get	= vexfs_xattr_user_get,
};

const struct xattr_handler *vexfs_xattr_handlers[] = {
	&vexfs_xattr_user_handler,
	NULL,
};
