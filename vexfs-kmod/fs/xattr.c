// SPDX-License-Identifier: GPL-2.0
/*
 * xattr.c - extended attributes (read-only).
 *
 * user.* xattrs are shown as stored. The reserved vexfs.* namespace is hidden,
 * except that a regular file's vector "vexfs.vector.<space>" is shown as
 * "user.vexfs.vector.<space>" (dimension x 4 bytes, little-endian float32),
 * checked against the space definition on the root inode: a vector of an
 * undefined space, of the wrong size or with a non-finite component is
 * -EUCLEAN.
 */
#include <linux/xattr.h>
#include "vexfs.h"

#define VEC_PREFIX_LEN	(sizeof(VX_VECTOR_PREFIX) - 1)

/* Copy a validated vector of this regular file for the name "vexfs.vector.<space>". */
static int vexfs_vector_get(struct inode *inode, const u8 *list, u32 len, const char *name,
			    void *buffer, size_t size)
{
	struct vx_vol *v = VEXFS_VOL(inode->i_sb);
	const char *space = name + VEC_PREFIX_LEN;
	size_t slen = strlen(space);
	struct vx_inode *root;
	struct vx_space sp;
	const u8 *val;
	u16 vl;
	u8 *buf;
	int err;

	if (vx_xattr_find(list, len, VX_VECTOR_PREFIX, (const u8 *)space, slen, &val, &vl))
		return -ENODATA;
	buf = kmalloc(VX_BS, GFP_KERNEL);
	root = kmalloc(sizeof(*root), GFP_KERNEL);
	err = -ENOMEM;
	if (!buf || !root)
		goto out;
	err = vx_space_get(v, (const u8 *)space, slen, &sp, root, buf);
	if (err == -ENOENT)
		err = -EUCLEAN;	/* a vector in a space that does not exist */
	if (!err)
		err = vx_vector_check(&sp, val, vl);
	if (err) {
		pr_err_ratelimited("vexfs: inode %lu: vector in space \"%s\": %s (%d)\n", inode->i_ino,
				   space, vx_strerror(err), err);
		goto out;
	}
	err = vl;
	if (buffer && size) {
		if (size < vl)
			err = -ERANGE;
		else
			memcpy(buffer, val, vl);
	}
out:
	kfree(root);
	kfree(buf);
	return err;
}

static int vexfs_xattr_user_get(const struct xattr_handler *handler, struct dentry *unused,
				struct inode *inode, const char *name, void *buffer, size_t size)
{
	struct vx_vol *v = VEXFS_VOL(inode->i_sb);
	size_t nlen = strlen(name);
	const u8 *list, *val;
	u32 len, count;
	u16 vl;
	u8 *buf;
	int err;

	buf = kmalloc(VX_BS, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	err = vx_xattr_list(v, &VEXFS_I(inode)->di, &list, &len, &count, buf);
	if (err)
		goto out;
	if (S_ISREG(inode->i_mode) && nlen > VEC_PREFIX_LEN &&
	    !memcmp(name, VX_VECTOR_PREFIX, VEC_PREFIX_LEN)) {
		err = vexfs_vector_get(inode, list, len, name, buffer, size);
		if (err != -ENODATA)
			goto out;
	}
	err = vx_xattr_find(list, len, XATTR_USER_PREFIX, (const u8 *)name, nlen, &val, &vl);
	if (err)
		goto out;
	err = vl;
	if (buffer && size) {
		if (size < vl)
			err = -ERANGE;
		else
			memcpy(buffer, val, vl);
	}
out:
	kfree(buf);
	return err;
}

/* Append name (prefix + rest) to a listxattr buffer. */
static int xattr_list_add(char *buffer, size_t size, size_t *total, const char *prefix,
		    const u8 *rest, size_t rlen)
{
	size_t plen = strlen(prefix), n = plen + rlen + 1;

	if (buffer && size) {
		if (*total + n > size)
			return -ERANGE;
		memcpy(buffer + *total, prefix, plen);
		memcpy(buffer + *total + plen, rest, rlen);
		buffer[*total + n - 1] = 0;
	}
	*total += n;
	return 0;
}

ssize_t vexfs_listxattr(struct dentry *dentry, char *buffer, size_t size)
{
	struct inode *inode = d_inode(dentry);
	struct vx_vol *v = VEXFS_VOL(inode->i_sb);
	bool reg = S_ISREG(inode->i_mode);
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
	while (!err && vx_xattr_next(list, len, &off, &n, &nl, &val, &vl)) {
		if (nl > XATTR_USER_PREFIX_LEN && !memcmp(n, XATTR_USER_PREFIX, XATTR_USER_PREFIX_LEN))
			err = xattr_list_add(buffer, size, &total, "", n, nl);
		else if (reg && nl > VEC_PREFIX_LEN && !memcmp(n, VX_VECTOR_PREFIX, VEC_PREFIX_LEN))
			err = xattr_list_add(buffer, size, &total, XATTR_USER_PREFIX, n, nl);
	}
	kfree(buf);
	return err ? err : total;
}

static const struct xattr_handler vexfs_xattr_user_handler = {
	.prefix	= XATTR_USER_PREFIX,
	.get	= vexfs_xattr_user_get,
};

const struct xattr_handler *vexfs_xattr_handlers[] = {
	&vexfs_xattr_user_handler,
	NULL,
};
