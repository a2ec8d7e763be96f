package io.vexfs.core.format;

import java.util.zip.CRC32C;

/**
 * CRC32C of metadata, seeded with the volume uuid and the block (or inode) number, so a block
 * written to or read from the wrong place fails its check.
 */
public final class Checksums {
    private final byte[] uuid;

    public Checksums(byte[] uuid) {
        if (uuid.length != 16) {
            throw new IllegalArgumentException("uuid must be 16 bytes");
        }
        this.uuid = uuid.clone();
    }

    private void seeded(CRC32C crc, long number) {
        crc.update(uuid, 0, 16);
        byte[] n = new byte[8];
        Le.put64(n, 0, number);
        crc.update(n, 0, 8);
    }

    /** Checksum of a 4 KiB metadata block stored at {@code blockNo}. */
    public int block(byte[] block, long blockNo) {
        CRC32C crc = new CRC32C();
        seeded(crc, blockNo);
        crc.update(block, 0, FormatStructs.CSUM_OFFSET);
        return (int) crc.getValue();
    }

    /** Stores the block checksum in the block's last four bytes. */
    public void sealBlock(byte[] block, long blockNo) {
        Le.put32(block, FormatStructs.CSUM_OFFSET, block(block, blockNo) & 0xffffffffL);
    }

    public boolean blockValid(byte[] block, long blockNo) {
        return Le.i32(block, FormatStructs.CSUM_OFFSET) == block(block, blockNo);
    }

    /** Checksum of the 256-byte inode at {@code off} in {@code buf}, for inode number {@code ino}. */
    public int inode(byte[] buf, int off, long ino) {
        CRC32C crc = new CRC32C();
        seeded(crc, ino);
        crc.update(buf, off, FormatStructs.INODE_SIZE - 4);
        return (int) crc.getValue();
    }
}
