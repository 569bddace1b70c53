package vn.hailong.kiosk.outbox;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The outbox's journal (nhật ký ghi trước): each stored event is also written here and forced to the disk before
 * the press is confirmed, so that an event survives a power cut without forcing H2's own file on every press.
 * H2 appends a chunk per commit, so forcing it (CHECKPOINT SYNC) also writes the grown file's metadata: that was
 * 3.3 ms of a press's 5.2 ms at p99 in PressToDurableBenchmark. This file is written full of zeros once, so a
 * record is an overwrite of blocks that already exist and {@code fdatasync} writes just those blocks.
 *
 * <p>Layout: a header block (magic, generation, CRC) then records from {@link #HEADER}, each {@code [length]
 * [CRC32C][generation][entry]}. Reading stops at the first record that is not whole, not of the header's
 * generation, or fails its CRC (a write torn by the power cut: that press was never confirmed). {@link #reset}
 * starts a new generation once H2's file holds every journaled event (after a CHECKPOINT SYNC): the old records
 * stay on the disk but no longer count. Not thread-safe: {@link OutboxStore} calls it under its append lock.
 */
final class PressJournal implements AutoCloseable {
    static final int HEADER = 4096;
    static final int DEFAULT_CAPACITY = 1 << 20;
    private static final int MAGIC = 0x484C4A31;
    private static final int RECORD_HEAD = 16;

    /** One stored event, as its outbox row holds it, and the dossier session its transaction closed (or null). */
    record Entry(long seq, String eventId, String type, String body, String status, Instant createdAt,
                 Integer deviceSeq, Instant panelReadAt, String closesSession) {
    }

    private final FileChannel channel;
    private final int capacity;
    private long generation;
    private long position;
    private final List<Entry> entries;

    private PressJournal(FileChannel channel, int capacity, long generation, long position, List<Entry> entries) {
        this.channel = channel;
        this.capacity = capacity;
        this.generation = generation;
        this.position = position;
        this.entries = entries;
    }

    /**
     * Opens the journal at {@code file}, making it (full of zeros, {@code capacity} bytes) when missing, and reads
     * the entries it holds.
     */
    static PressJournal open(Path file, int capacity) throws IOException {
        if (!Files.exists(file)) {
            create(file, capacity);
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            int size = (int) Math.min(Integer.MAX_VALUE, channel.size());
            ByteBuffer header = ByteBuffer.allocate(16);
            channel.read(header, 0);
            header.flip();
            long generation = -1;
            if (header.remaining() == 16 && header.getInt(0) == MAGIC && header.getInt(12) == crc(header, 0, 12)) {
                generation = header.getLong(4);
            }
            List<Entry> entries = new ArrayList<>();
            long position = HEADER;
            if (generation >= 0) {
                position = read(channel, size, generation, entries);
            }
            PressJournal journal = new PressJournal(channel, size, generation, position, entries);
            if (generation < 0) {
                // unreadable header: only a reset can have torn it, and a reset follows a forced H2 file
                journal.reset();
            }
            return journal;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The entries of the current generation, in the order they were appended, as read when opened. */
    List<Entry> entries() {
        return List.copyOf(entries);
    }

    /**
     * Writes an entry after the last one and forces it to the disk.
     *
     * @return false, writing nothing, when it does not fit in what is left of the file
     */
    boolean append(Entry entry) throws IOException {
        byte[] payload = encode(entry);
        if (position + RECORD_HEAD + payload.length > capacity) {
            return false;
        }
        ByteBuffer record = ByteBuffer.allocate(RECORD_HEAD + payload.length);
        record.putInt(payload.length).putInt(0).putLong(generation).put(payload);
        record.putInt(4, crc(record, 8, record.capacity() - 8));
        record.flip();
        while (record.hasRemaining()) {
            channel.write(record, position + record.position());
        }
        channel.force(false);
        position += RECORD_HEAD + payload.length;
        entries.add(entry);
        return true;
    }

    /** Whether more than half of the room is used: time to let H2's file take over the entries. */
    boolean halfFull() {
        return position - HEADER > (capacity - HEADER) / 2;
    }

    /** Forgets every entry (a new generation, forced to the disk). Call only once H2's file holds them all. */
    void reset() throws IOException {
        generation = Math.max(generation + 1, System.currentTimeMillis());
        ByteBuffer header = header(generation);
        while (header.hasRemaining()) {
            channel.write(header, header.position());
        }
        channel.force(false);
        position = HEADER;
        entries.clear();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private static void create(Path file, int capacity) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".new");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ByteBuffer zeros = ByteBuffer.allocate(64 * 1024);
            for (long at = 0; at < capacity; at += zeros.capacity()) {
                zeros.clear().limit((int) Math.min(zeros.capacity(), capacity - at));
                ch.write(zeros, at);
            }
            ByteBuffer header = header(System.currentTimeMillis());
            ch.write(header, 0);
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel dir = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    private static ByteBuffer header(long generation) {
        ByteBuffer header = ByteBuffer.allocate(16);
        header.putInt(MAGIC).putLong(generation);
        header.putInt(12, crc(header, 0, 12));
        header.position(0);
        return header;
    }

    /** Reads the records of {@code generation} from the start; returns where the next one goes. */
    private static long read(FileChannel channel, int size, long generation, List<Entry> into) throws IOException {
        long position = HEADER;
        ByteBuffer head = ByteBuffer.allocate(RECORD_HEAD);
        while (position + RECORD_HEAD <= size) {
            head.clear();
            channel.read(head, position);
            int length = head.getInt(0);
            if (length <= 0 || position + RECORD_HEAD + length > size || head.getLong(8) != generation) {
                break;
            }
            ByteBuffer record = ByteBuffer.allocate(8 + length);
            record.putLong(generation);
            channel.read(record, position + RECORD_HEAD);
            if (record.hasRemaining() || crc(record, 0, record.capacity()) != head.getInt(4)) {
                break;
            }
            try {
                into.add(decode(record.array(), 8, length));
            } catch (IOException | RuntimeException unreadable) {
                break;
            }
            position += RECORD_HEAD + length;
        }
        return position;
    }

    private static int crc(ByteBuffer buffer, int from, int length) {
        CRC32C crc = new CRC32C();
        crc.update(buffer.duplicate().position(from).limit(from + length));
        return (int) crc.getValue();
    }

    private static byte[] encode(Entry e) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + e.body().length() * 3);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(e.seq());
            text(out, e.eventId());
            text(out, e.type());
            text(out, e.body());
            text(out, e.status());
            instant(out, e.createdAt());
            out.writeInt(e.deviceSeq() == null ? -1 : e.deviceSeq());
            instant(out, e.panelReadAt());
            text(out, e.closesSession());
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return bytes.toByteArray();
    }

    private static Entry decode(byte[] bytes, int offset, int length) throws IOException {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes, offset, length))) {
            long seq = in.readLong();
            String eventId = text(in);
            String type = text(in);
            String body = text(in);
            String status = text(in);
            Instant createdAt = instant(in);
            int deviceSeq = in.readInt();
            Instant panelReadAt = instant(in);
            String closesSession = text(in);
            return new Entry(seq, eventId, type, body, status, createdAt, deviceSeq < 0 ? null : deviceSeq, panelReadAt,
                    closesSession);
        }
    }

    private static void text(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String text(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] utf8 = in.readNBytes(length);
        if (utf8.length != length) {
            throw new IOException("journal record shorter than its text");
        }
        return new String(utf8, StandardCharsets.UTF_8);
    }

    private static void instant(DataOutputStream out, Instant at) throws IOException {
        out.writeBoolean(at != null);
        if (at != null) {
            out.writeLong(at.getEpochSecond());
            out.writeInt(at.getNano());
        }
    }

    private static Instant instant(DataInputStream in) throws IOException {
        return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
    }
}
