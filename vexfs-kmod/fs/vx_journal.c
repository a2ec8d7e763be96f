// SPDX-License-Identifier: GPL-2.0
/*
 * vx_journal.c - in-memory journal replay.
 *
 * The driver is read-only, so it never writes replayed blocks home. Instead
 * it scans the log exactly as FORMAT.md "Replay" describes and remembers, for
 * each home block named by a committed transaction, the journal block holding
 * its newest image; vx_read_meta() reads that block instead of the home block.
 */
#include "vx_core.h"

#define JH_OFF(f)	offsetof(struct vexfs_journal_header, f)
#define JD_OFF(f)	offsetof(struct vexfs_journal_descriptor, f)
#define JC_OFF(f)	offsetof(struct vexfs_journal_commit, f)

static bool valid_target(const struct vx_vol *v, u64 blk)
{
	const struct vx_extent_range *j = &v->reg[VEXFS_REGION_JOURNAL];

	return blk > 0 && blk < v->total_blocks - 1 &&
	       !(blk >= j->start && blk - j->start < j->len);
}

static int cmp_remap(const void *a, const void *b)
{
	const struct vx_remap *x = a, *y = b;

	if (x->home != y->home)
		return x->home < y->home ? -1 : 1;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return 0;
}

/*
 * Scan one transaction starting at journal-relative block *pos with sequence seq.
 * Returns 1 and appends its images to map (advancing *pos) if it is complete and
 * valid, 0 if the log ends here, or a negative errno.
 */
static int scan_tx(struct vx_vol *v, u64 *pos, u64 seq, struct vx_remap *map, u64 *n,
		   u64 cap, u8 *buf)
{
	const struct vx_extent_range *j = &v->reg[VEXFS_REGION_JOURNAL];
	u64 p = *pos, first = *n, total = 0;
	u32 crc = 0;
	int err;

	for (;;) {
		u32 magic, count, i;

		if (p >= j->len)
			goto end;
		err = vx_dev_read(v, j->start + p, buf);
		if (err)
			return err;
		if (get_unaligned_le32(buf + VEXFS_CSUM_OFFSET) != vx_block_csum(v, j->start + p, buf) ||
		    get_unaligned_le64(buf + 8) != seq)
			goto end;
		magic = get_unaligned_le32(buf);
		if (magic == VEXFS_JOURNAL_COMMIT_MAGIC) {
			if (get_unaligned_le32(buf + JC_OFF(image_count)) != total || total == 0 ||
			    get_unaligned_le32(buf + JC_OFF(images_crc)) != crc)
				goto end;
			*pos = p + 1;
			return 1;
		}
		if (magic != VEXFS_JOURNAL_DESC_MAGIC)
			goto end;
		count = get_unaligned_le32(buf + JD_OFF(count));
		if (count < 1 || count > VEXFS_JOURNAL_TAGS_PER_DESCRIPTOR || p + 2 > j->len ||
		    count > j->len - p - 2 || *n + count > cap)
			goto end;
		for (i = 0; i < count; i++) {
			u64 t = get_unaligned_le64(buf + JD_OFF(targets) + 8 * (size_t)i);

			if (!valid_target(v, t))
				goto end;
			map[*n].home = t;
			map[*n].jblk = j->start + p + 1 + i;
			map[*n].order = *n;
			(*n)++;
		}
		/* second pass over the images for the CRC; buf is reused */
		for (i = 0; i < count; i++) {
			err = vx_dev_read(v, j->start + p + 1 + i, buf);
			if (err)
				return err;
			crc = vx_crc32(crc, buf, VX_BS);
		}
		total += count;
		p += 1 + (u64)count;
	}
end:
	*n = first;	/* drop the incomplete transaction */
	return 0;
}

int vx_journal_load(struct vx_vol *v, u8 *buf)
{
	const struct vx_extent_range *j = &v->reg[VEXFS_REGION_JOURNAL];
	struct vx_remap *map;
	u64 pos, seq, n = 0, cap, i, out;
	int err, r;

	v->remap = NULL;
	v->nremap = 0;
	v->replayed_tx = 0;
	if (!(v->incompat & VEXFS_FEATURE_INCOMPAT_JOURNAL))
		return 0;
	err = vx_dev_read(v, j->start, buf);
	if (err)
		return err;
	if (get_unaligned_le32(buf) != VEXFS_JOURNAL_HEADER_MAGIC) {
		pr_err("vexfs: journal header at block %llu: bad magic\n", (unsigned long long)j->start);
		return -EUCLEAN;
	}
	if (get_unaligned_le32(buf + VEXFS_CSUM_OFFSET) != vx_block_csum(v, j->start, buf)) {
		pr_err("vexfs: journal header at block %llu: checksum mismatch\n",
		       (unsigned long long)j->start);
		return -EBADMSG;
	}
	pos = get_unaligned_le64(buf + JH_OFF(start));
	seq = get_unaligned_le64(buf + JH_OFF(sequence));
	if (get_unaligned_le32(buf + JH_OFF(version)) != 1 ||
	    get_unaligned_le64(buf + JH_OFF(length)) != j->len || pos < 1 || pos >= j->len) {
		pr_err("vexfs: journal header inconsistent with a journal of %llu blocks\n",
		       (unsigned long long)j->len);
		return -EUCLEAN;
	}
	cap = j->len;	/* images can never outnumber log blocks */
	map = vx_alloc(cap * sizeof(*map));
	if (!map)
		return -ENOMEM;
	/* every transaction takes >= 3 blocks, so this bounds the loop */
	for (i = 0; i < j->len; i++) {
		r = scan_tx(v, &pos, seq, map, &n, cap, buf);
		if (r < 0) {
			vx_free(map);
			return r;
		}
		if (r == 0)
			break;
		v->replayed_tx++;
		seq++;
	}
	if (!n) {
		vx_free(map);
		return 0;
	}
	sort(map, n, sizeof(*map), cmp_remap, NULL);
	/* keep the newest image of each home block */
	for (i = 0, out = 0; i < n; i++) {
		if (i + 1 < n && map[i + 1].home == map[i].home)
			continue;
		map[out++] = map[i];
	}
	v->remap = map;
	v->nremap = out;
	pr_info("vexfs: journal: %llu committed transaction(s), %llu block(s) replayed in memory\n",
		(unsigned long long)v->replayed_tx, (unsigned long long)out);
	return 0;
}
