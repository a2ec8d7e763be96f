// SPDX-License-Identifier: GPL-2.0
/*
 * vexfs-inspect - print the tree of a VexFS image, using the same parsing
 * core as the kernel module (fs/vx_*.c), built in userspace over vx_shim.h.
 *
 *   vexfs-inspect IMAGE        parse the image file
 *   vexfs-inspect --tree DIR   print a mounted tree in the same format (POSIX calls)
 *   vexfs-inspect --knn IMAGE SPACE K X1 [X2 ...]
 *                              exact k-NN in the image (the ioctl's scan, in userspace):
 *                              "rank inode score" lines, best first
 *
 * One line per object, sorted by path, tab separated:
 *   path type perm(octal) uid gid nlink size symlink-target sha256 xattrs
 * Bytes < 0x21, 0x7f, '%', ',' and '=' in names, targets and xattr names are
 * written as %XX. Objects that cannot be read give "path ERROR <errno name>".
 * Exit status: 0 ok, 2 some object failed, 3 the volume failed to load.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>
#include "../fs/vx_core.h"
#include "sha256.h"

struct line {
	char *path;
	char *text;
};

static struct line *lines;
static size_t nlines, caplines;
static int status;

static void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p) {
		fprintf(stderr, "out of memory\n");
		exit(4);
	}
	return p;
}

static void add_line(const char *path, const char *text)
{
	if (nlines == caplines) {
		caplines = caplines ? caplines * 2 : 256;
		lines = realloc(lines, caplines * sizeof(*lines));
		if (!lines)
			exit(4);
	}
	lines[nlines].path = strdup(path);
	lines[nlines].text = strdup(text);
	nlines++;
}

static int cmp_line(const void *a, const void *b)
{
	return strcmp(((const struct line *)a)->path, ((const struct line *)b)->path);
}

static const char *errname(int err)
{
	static char buf[16];

	switch (err < 0 ? -err : err) {
	case EUCLEAN: return "EUCLEAN";
	case EBADMSG: return "EBADMSG";
	case EIO: return "EIO";
	case ENOENT: return "ENOENT";
	case ENOMEM: return "ENOMEM";
	case EINVAL: return "EINVAL";
	case EOPNOTSUPP: return "EOPNOTSUPP";
	case ENOTDIR: return "ENOTDIR";
	case ELOOP: return "ELOOP";
	case ENODATA: return "ENODATA";
	case ERANGE: return "ERANGE";
	case EROFS: return "EROFS";
	}
	snprintf(buf, sizeof(buf), "E%d", err < 0 ? -err : err);
	return buf;
}

/* Append the escaped form of bytes to out (out must hold 3 * len + 1). */
static char *escape(char *out, const u8 *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		u8 c = p[i];

		if (c < 0x21 || c == 0x7f || c == '%' || c == ',' || c == '=')
			out += sprintf(out, "%%%02X", c);
		else
			*out++ = (char)c;
	}
	*out = 0;
	return out;
}

static void error_line(const char *path, int err)
{
	char text[4200];

	snprintf(text, sizeof(text), "%s\tERROR\t%s", path, errname(err));
	add_line(path, text);
	status = 2;
}

struct xa {
	char *name;	/* escaped */
	char *hex;
};

static int cmp_xa(const void *a, const void *b)
{
	return strcmp(((const struct xa *)a)->name, ((const struct xa *)b)->name);
}

/* Render sorted xattrs "name=hex,name=hex" or "-". */
static char *render_xattrs(struct xa *x, size_t n)
{
	size_t i, len = 2;
	char *out, *p;

	qsort(x, n, sizeof(*x), cmp_xa);
	for (i = 0; i < n; i++)
		len += strlen(x[i].name) + strlen(x[i].hex) + 2;
	out = p = xmalloc(len);
	if (!n)
		strcpy(out, "-");
	for (i = 0; i < n; i++) {
		p += sprintf(p, "%s%s=%s", i ? "," : "", x[i].name, x[i].hex);
		free(x[i].name);
		free(x[i].hex);
	}
	return out;
}

static char *hexdup(const u8 *p, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	char *h;
	size_t i;

#ifdef VX_FUZZ
	n = 0;	/* fuzzing: the listing is discarded, skip rendering values */
#endif
	h = xmalloc(2 * n + 1);

	for (i = 0; i < n; i++) {
		h[2 * i] = digits[p[i] >> 4];
		h[2 * i + 1] = digits[p[i] & 15];
	}
	h[2 * n] = 0;
	return h;
}

static void emit(const char *path, const char *type, unsigned int mode, unsigned int uid,
		 unsigned int gid, unsigned long long nlink, unsigned long long size,
		 const char *target, const char *sha, const char *xattrs)
{
	size_t n = strlen(path) + strlen(target) + strlen(xattrs) + 256;
	char *text;

#ifdef VX_FUZZ
	return;	/* fuzzing: the listing is discarded, skip formatting it */
#endif
	text = xmalloc(n);

	snprintf(text, n, "%s\t%s\t%04o\t%u\t%u\t%llu\t%llu\t%s\t%s\t%s", path, type, mode & 07777,
		 uid, gid, nlink, size, target, sha, xattrs);
	add_line(path, text);
	free(text);
}

/* ------------------------------------------------------------- image mode */

/* the block device: an image file, or (fuzzing) an image in memory */
struct img {
	int fd;
	const u8 *mem;
};

int vx_dev_read(struct vx_vol *v, u64 blk, void *buf)
{
	struct img *im = v->dev;
	ssize_t r;

	if (blk >= v->dev_blocks)
		return -EIO;
	if (im->mem) {
		memcpy(buf, im->mem + blk * VX_BS, VX_BS);
		return 0;
	}
	r = pread(im->fd, buf, VX_BS, (off_t)(blk * VX_BS));
	if (r != VX_BS)
		return -EIO;
	return 0;
}

static u8 *visited;

static int img_hash_file(struct vx_vol *v, const struct vx_inode *ino, char out[65], u8 *buf)
{
	static u8 data[VX_BS], zeros[VX_BS];
	struct sha256 s;
	u8 d[32];
	u64 lblk = 0, nblk = (ino->size + VX_BS - 1) / VX_BS;

#ifdef VX_FUZZ
	/* no hashing when fuzzing: map and read (a prefix of) the file only */
	if (nblk > 16)
		nblk = 16;
#endif
	sha256_init(&s);
	while (lblk < nblk) {
		u64 pblk, count, i;
		int err = vx_extent_map(v, ino, lblk, &pblk, &count, buf);

		if (err)
			return err;
		if (count > nblk - lblk)
			count = nblk - lblk;
		for (i = 0; i < count; i++, lblk++) {
			u64 want = ino->size - lblk * VX_BS < VX_BS ? ino->size - lblk * VX_BS : VX_BS;

			if (pblk) {
				u64 one = 1;	/* newest journal image, as the kernel reads it */

				err = vx_dev_read(v, vx_data_location(v, pblk + i, &one), data);
				if (err)
					return err;
#ifndef VX_FUZZ
				sha256_update(&s, data, want);
			} else {
				sha256_update(&s, zeros, want);
#endif
			}
		}
	}
#ifdef VX_FUZZ
	(void)d;
	(void)zeros;
	strcpy(out, "-");
#else
	sha256_final(&s, d);
	sha256_hex(d, out);
#endif
	return 0;
}

/*
 * All xattrs except the reserved vexfs.* ones; a regular file's vector
 * "vexfs.vector.<space>" is shown as "user.vexfs.vector.<space>" after checking
 * it against the space definition, as the kernel does.
 */
static int img_xattrs(struct vx_vol *v, const struct vx_inode *ino, char **out, u8 *buf)
{
	static const char vp[] = VX_VECTOR_PREFIX, up[] = "user.";
	const u8 *list, *name, *value;
	u32 len, count, off = 0;
	struct xa x[2048];
	size_t n = 0;
	u8 nlen;
	u16 vlen;
	int err = vx_xattr_list(v, ino, &list, &len, &count, buf);

	if (err)
		return err;
	while (n < 2048 && vx_xattr_next(list, len, &off, &name, &nlen, &value, &vlen)) {
		if (nlen >= 6 && !memcmp(name, "vexfs.", 6)) {
			struct vx_space sp;
			struct vx_inode root;
			u8 *b2;

			if ((ino->mode & VX_IFMT) != VX_IFREG || nlen <= sizeof(vp) - 1 ||
			    memcmp(name, vp, sizeof(vp) - 1))
				continue;
			b2 = xmalloc(VX_BS);
			err = vx_space_get(v, name + sizeof(vp) - 1, nlen - (sizeof(vp) - 1), &sp, &root, b2);
			free(b2);
			if (err == -ENOENT)
				err = -EUCLEAN;
			if (!err)
				err = vx_vector_check(&sp, value, vlen);
			if (err) {
				while (n) {
					n--;
					free(x[n].name);
					free(x[n].hex);
				}
				return err;
			}
			x[n].name = xmalloc(3 * (size_t)nlen + sizeof(up));
			escape(x[n].name + strlen(up), name, nlen);
			memcpy(x[n].name, up, strlen(up));
		} else {
			x[n].name = xmalloc(3 * (size_t)nlen + 1);
			escape(x[n].name, name, nlen);
		}
		x[n].hex = hexdup(value, vlen);
		n++;
	}
	*out = render_xattrs(x, n);
	return 0;
}

static void img_walk(struct vx_vol *v, u64 dino, const char *path, u8 ftype, unsigned int depth);

static void img_object(struct vx_vol *v, u64 ino_no, const char *path, u8 ftype, unsigned int depth)
{
	struct vx_inode ino;
	u8 *buf = xmalloc(VX_BS);
	char sha[65] = "-", *xattrs = NULL, *target = NULL;
	const char *type;
	int err;

	err = vx_read_inode(v, ino_no, &ino, buf);
	if (!err) {
		u16 t = ino.mode & VX_IFMT;
		u8 want = t == VX_IFREG ? VEXFS_FT_REG : t == VX_IFDIR ? VEXFS_FT_DIR : VEXFS_FT_SYMLINK;

		if (ftype && ftype != want)
			err = -EUCLEAN;
	}
	if (!err)
		err = img_xattrs(v, &ino, &xattrs, buf);
	if (err)
		goto fail;
	switch (ino.mode & VX_IFMT) {
	case VX_IFREG:
		type = "file";
		err = img_hash_file(v, &ino, sha, buf);
		break;
	case VX_IFLNK: {
		char raw[VEXFS_SYMLINK_MAX + 1];

		type = "symlink";
		err = vx_read_symlink(v, &ino, raw, buf);
		if (!err) {
			target = xmalloc(3 * strlen(raw) + 1);
			escape(target, (const u8 *)raw, strlen(raw));
		}
		break;
	}
	default:
		type = "dir";
		break;
	}
	if (err)
		goto fail;
	emit(path, type, ino.mode, ino.uid, ino.gid, ino.nlink, ino.size, target ? target : "-",
	     sha, xattrs);
	free(target);
	free(xattrs);
	free(buf);
	if ((ino.mode & VX_IFMT) == VX_IFDIR)
		img_walk(v, ino_no, path, ftype, depth);
	return;
fail:
	free(target);
	free(xattrs);
	free(buf);
	error_line(path, err);
}

static void img_walk(struct vx_vol *v, u64 dino, const char *path, u8 ftype, unsigned int depth)
{
	struct vx_inode ino;
	struct vx_dir d;
	u8 *buf = xmalloc(VX_BS);
	u64 leaf, hops, seen = 0;
	int err;

	if (visited[dino / 8] & (1u << (dino % 8)) || depth > 100000) {
		error_line(path, -ELOOP);
		goto out;
	}
	visited[dino / 8] |= (u8)(1u << (dino % 8));
	err = vx_read_inode(v, dino, &ino, buf);
	if (!err)
		err = vx_dir_open(v, &ino, &d, buf);
	if (!err)
		err = vx_dir_first_leaf(v, &d, &leaf, buf);
	for (hops = 0; !err && leaf; hops++) {
		u16 count, i;
		u32 off = 0;
		u64 next;

		if (hops >= d.nblocks) {
			err = -EUCLEAN;	/* the leaf chain loops */
			break;
		}
		err = vx_dir_read_node(v, &d, leaf, VEXFS_DIR_LEAF_MAGIC, buf);
		if (!err)
			err = vx_leaf_check(v, &d, buf, &count);
		if (err)
			break;
		next = get_unaligned_le64(buf + offsetof(struct vexfs_dir_leaf, next_leaf));
		{
			u8 *copy = xmalloc(VX_BS);

			memcpy(copy, buf, VX_BS);
			for (i = 0; i < count; i++) {
				struct vx_dirent de;
				size_t plen = strlen(path);
				char *child = xmalloc(plen + 3 * VEXFS_NAME_MAX + 2);

				vx_leaf_entry(copy, &off, &de);
				strcpy(child, path);
				if (plen > 1)
					child[plen++] = '/';
				escape(child + plen, de.name, de.name_len);
				img_object(v, de.ino, child, de.file_type, depth + 1);
				free(child);
				seen++;
			}
			free(copy);
		}
		leaf = next;
	}
	if (!err && seen != d.entry_count)
		err = -EUCLEAN;
	if (err)
		error_line(path[1] ? path : "/", err);
out:
	free(buf);
}

#ifndef VX_FUZZ
/*
 * --knn: the k-NN scan of the kernel ioctl run by the same core in userspace.
 * Prints "rank inode score" lines best first (score %.9g) and a summary line.
 */
static int knn_image(struct vx_vol *v, const char *space, unsigned long k, int argc, char **argv)
{
	struct vx_knn q;
	struct vx_inode scratch;
	u32 query[VX_VECTOR_DIM_MAX];
	u8 *bufs = xmalloc(3 * VX_BS);
	int i, err;

	memset(&q, 0, sizeof(q));
	if (k < 1 || k > VX_KNN_MAX_K || argc < 1 || argc > VX_VECTOR_DIM_MAX)
		return 1;
	for (i = 0; i < argc; i++) {
		float f = strtof(argv[i], NULL);

		memcpy(&query[i], &f, 4);
	}
	err = vx_space_get(v, (const u8 *)space, strlen(space), &q.sp, &scratch, bufs);
	if (!err && q.sp.dim != (u32)argc)
		err = -EINVAL;
	if (err) {
		printf("KNN-ERROR\t%s\n", errname(err));
		return 2;
	}
	q.space_name = (const u8 *)space;
	q.space_len = strlen(space);
	q.query = query;
	q.k = (u32)k;
	q.hits = xmalloc(k * sizeof(*q.hits));
	q.scratch = &scratch;
	err = vx_knn_run(v, &q, bufs, bufs + VX_BS, bufs + 2 * VX_BS);
	if (err) {
		printf("KNN-ERROR\t%s\n", errname(err));
		return 2;
	}
	for (i = 0; i < (int)q.count; i++) {
		float f;

		memcpy(&f, &q.hits[i].score, 4);
		printf("%d\t%llu\t%.9g\n", i + 1, (unsigned long long)q.hits[i].ino, f);
	}
	fprintf(stderr, "# count=%u scanned=%llu skipped=%llu metric=%u\n", q.count,
		(unsigned long long)q.scanned, (unsigned long long)q.skipped, q.sp.metric);
	free(q.hits);
	free(bufs);
	return q.skipped ? 3 : 0;
}
#endif

static const char *knn_space;
static unsigned long knn_k;
static int knn_argc;
static char **knn_argv;

#ifdef VX_FUZZ
/* fuzzing: exact k-NN over the first three spaces defined on the root, with a fixed query */
static void fuzz_knn(struct vx_vol *v)
{
	static const char sp[] = VX_SPACE_PREFIX;
	static u32 query[VX_VECTOR_DIM_MAX];
	static struct vx_knn_hit hits[8];
	struct vx_inode root, scratch;
	const u8 *list, *name, *value;
	u32 len, count, off = 0, i, runs = 0;
	u8 *b = xmalloc(4 * VX_BS), nlen;
	u8 *names = b + 3 * VX_BS;	/* copy of the root's list: the scan reuses the buffers */
	u16 vlen;

	for (i = 0; i < VX_VECTOR_DIM_MAX; i++)
		query[i] = 0x3f000000u + i;	/* about 0.5 */
	if (vx_read_inode(v, VEXFS_ROOT_INODE, &root, b) ||
	    vx_xattr_list(v, &root, &list, &len, &count, b) || len > VX_BS) {
		free(b);
		return;
	}
	memcpy(names, list, len);
	while (runs < 3 && vx_xattr_next(names, len, &off, &name, &nlen, &value, &vlen)) {
		struct vx_knn q;

		memset(&q, 0, sizeof(q));
		if (nlen <= sizeof(sp) - 1 || memcmp(name, sp, sizeof(sp) - 1) ||
		    vx_space_parse(value, vlen, &q.sp))
			continue;
		q.space_name = name + sizeof(sp) - 1;
		q.space_len = nlen - (sizeof(sp) - 1);
		q.query = query;
		q.k = 8;
		q.hits = hits;
		q.scratch = &scratch;
		vx_knn_run(v, &q, b, b + VX_BS, b + 2 * VX_BS);
		runs++;
	}
	free(b);
}
#endif

static int inspect_vol(struct img *im, u64 dev_blocks)
{
	struct vx_vol v;
	u8 *buf = xmalloc(VX_BS);
	int err;

	memset(&v, 0, sizeof(v));
	v.dev = im;
	v.dev_blocks = dev_blocks;
	err = vx_load_super(&v, buf);
	if (!err)
		err = vx_journal_load(&v, buf);
	if (!err)
		err = vx_count_free(&v, buf);
	if (err) {
		if (!vx_shim_quiet)
			printf("LOAD-ERROR\t%s\n", errname(err));
		vx_unload(&v);
		free(buf);
		return 3;
	}
	if (!vx_shim_quiet)
		fprintf(stderr, "vexfs-inspect: %llu blocks (%llu free), %llu inodes (%llu free), journal: %llu tx\n",
			(unsigned long long)v.total_blocks, (unsigned long long)v.free_blocks,
			(unsigned long long)v.total_inodes, (unsigned long long)v.free_inodes,
			(unsigned long long)v.replayed_tx);
#ifndef VX_FUZZ
	if (knn_space) {
		err = knn_image(&v, knn_space, knn_k, knn_argc, knn_argv);
		vx_unload(&v);
		free(buf);
		return err;
	}
#endif
	visited = calloc(v.total_inodes / 8 + 1, 1);
	if (!visited)
		return 4;
	img_object(&v, VEXFS_ROOT_INODE, "/", VEXFS_FT_DIR, 0);
	free(visited);
#ifdef VX_FUZZ
	fuzz_knn(&v);
#endif
	vx_unload(&v);
	free(buf);
	return 0;
}

#ifndef VX_FUZZ
static int inspect_image(const char *file)
{
	struct img im = { .fd = -1 };
	struct stat st;
	int rc;

	im.fd = open(file, O_RDONLY);
	if (im.fd < 0 || fstat(im.fd, &st)) {
		perror(file);
		return 3;
	}
	rc = inspect_vol(&im, (u64)st.st_size / VX_BS);
	close(im.fd);
	return rc;
}
#endif

/* -------------------------------------------------------------- tree mode */

/* raw: path below root for system calls; shown: escaped path for output */
static void tree_walk(const char *root, const char *raw, const char *shown);

static void tree_object(const char *root, const char *raw, const char *shown)
{
	static char names[65536];
	static u8 val[65536];
	char full[8192], sha[65] = "-", *target = NULL, *xattrs;
	struct xa x[512];
	struct stat st;
	const char *type;
	ssize_t nl, i;
	size_t n = 0;

	snprintf(full, sizeof(full), "%s%s", root, raw);
	if (lstat(full, &st)) {
		error_line(shown, errno);
		return;
	}
	nl = llistxattr(full, names, sizeof(names));
	if (nl < 0) {
		error_line(shown, errno);
		return;
	}
	for (i = 0; i < nl && n < 512; i += (ssize_t)strlen(names + i) + 1) {
		ssize_t vl = lgetxattr(full, names + i, val, sizeof(val));

		if (vl < 0) {
			error_line(shown, errno);
			while (n) {
				n--;
				free(x[n].name);
				free(x[n].hex);
			}
			return;
		}
		x[n].name = xmalloc(3 * strlen(names + i) + 1);
		escape(x[n].name, (const u8 *)names + i, strlen(names + i));
		x[n].hex = hexdup(val, (size_t)vl);
		n++;
	}
	xattrs = render_xattrs(x, n);
	if (S_ISREG(st.st_mode)) {
		static u8 data[1 << 16];
		struct sha256 s;
		u8 d[32];
		ssize_t r;
		int fd = open(full, O_RDONLY);

		type = "file";
		if (fd < 0) {
			error_line(shown, errno);
			free(xattrs);
			return;
		}
		sha256_init(&s);
		while ((r = read(fd, data, sizeof(data))) > 0)
			sha256_update(&s, data, (size_t)r);
		if (r < 0) {
			error_line(shown, errno);
			close(fd);
			free(xattrs);
			return;
		}
		close(fd);
		sha256_final(&s, d);
		sha256_hex(d, sha);
	} else if (S_ISLNK(st.st_mode)) {
		char lt[VEXFS_SYMLINK_MAX + 2];
		ssize_t r = readlink(full, lt, sizeof(lt) - 1);

		type = "symlink";
		if (r < 0) {
			error_line(shown, errno);
			free(xattrs);
			return;
		}
		target = xmalloc(3 * (size_t)r + 1);
		escape(target, (const u8 *)lt, (size_t)r);
	} else if (S_ISDIR(st.st_mode)) {
		type = "dir";
	} else {
		type = "other";
	}
	emit(shown, type, st.st_mode, st.st_uid, st.st_gid, (unsigned long long)st.st_nlink,
	     (unsigned long long)st.st_size, target ? target : "-", sha, xattrs);
	free(target);
	free(xattrs);
	if (S_ISDIR(st.st_mode))
		tree_walk(root, raw, shown);
}

static void tree_walk(const char *root, const char *raw, const char *shown)
{
	char full[8192];
	struct dirent *de;
	DIR *dir;

	snprintf(full, sizeof(full), "%s%s", root, raw);
	dir = opendir(full);
	if (!dir) {
		error_line(shown, errno);
		return;
	}
	errno = 0;
	while ((de = readdir(dir))) {
		size_t slen = strlen(shown), nlen = strlen(de->d_name);
		char *craw, *cshown;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		craw = xmalloc(strlen(raw) + nlen + 2);
		sprintf(craw, "%s/%s", raw, de->d_name);
		cshown = xmalloc(slen + 3 * nlen + 2);
		strcpy(cshown, shown);
		if (slen > 1)
			cshown[slen++] = '/';
		escape(cshown + slen, (const u8 *)de->d_name, nlen);
		tree_object(root, craw, cshown);
		free(craw);
		free(cshown);
		errno = 0;
	}
	if (errno)
		error_line(shown, errno);
	closedir(dir);
}

#ifdef VX_FUZZ
/* fuzz entry: parse and walk an image held in memory, run k-NN, discard the output */
int vx_inspect_mem(const u8 *img, size_t blocks)
{
	struct img im = { .fd = -1, .mem = img };
	size_t i;
	int rc = inspect_vol(&im, blocks);

	for (i = 0; i < nlines; i++) {
		free(lines[i].path);
		free(lines[i].text);
	}
	nlines = 0;
	status = 0;
	return rc;
}
#else
int main(int argc, char **argv)
{
	int rc;
	size_t i;

	if (argc == 3 && !strcmp(argv[1], "--tree")) {
		tree_object(argv[2], "", "/");
		rc = 0;
	} else if (argc >= 6 && !strcmp(argv[1], "--knn")) {
		knn_space = argv[3];
		knn_k = strtoul(argv[4], NULL, 10);
		knn_argc = argc - 5;
		knn_argv = argv + 5;
		return inspect_image(argv[2]);
	} else if (argc == 2 && argv[1][0] != '-') {
		rc = inspect_image(argv[1]);
		if (rc)
			return rc;
	} else {
		fprintf(stderr, "usage: vexfs-inspect IMAGE | vexfs-inspect --tree DIR |\n"
			"       vexfs-inspect --knn IMAGE SPACE K X1 [X2 ...]\n");
		return 1;
	}
	qsort(lines, nlines, sizeof(*lines), cmp_line);
	for (i = 0; i < nlines; i++)
		printf("%s\n", lines[i].text);
	return status ? status : rc;
}
#endif
