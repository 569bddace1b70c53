package vn.hailong.kiosk.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A config file holding the terminal secret must be readable by its owner only. */
class SecretFilesTest {
    @TempDir
    Path dir;

    private Path file(String name, String mode) throws Exception {
        Path file = Files.writeString(dir.resolve(name), "hailong:\n  terminal-secret: s3cret\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    @Test
    void aFileOnlyItsOwnerReadsHasNoProblem() throws Exception {
        assertEquals(List.of(), SecretFiles.problems(List.of(file("kiosk.yml", "rw-------"), file("ro.yml", "r--------"))));
    }

    @Test
    void aFileOthersMayReadIsRefusedWithTheCommandThatFixesIt() throws Exception {
        Path group = file("group.yml", "rw-r-----");
        Path world = file("world.yml", "rw-r--r--");
        List<String> problems = SecretFiles.problems(List.of(group, world, dir.resolve("missing.yml")));
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("rw-r-----") && problems.get(0).contains("chmod 600 " + group), problems.get(0));
        assertTrue(problems.get(1).contains("rw-r--r--") && problems.get(1).contains("chmod 600 " + world), problems.get(1));
    }

    @Test
    void theFilesComeFromThePropertyOrElseTheVariable() {
        assertEquals(List.of(Path.of("/etc/hailong/kiosk.yml"), Path.of("/b.yml")),
                SecretFiles.configured(null, "/etc/hailong/kiosk.yml, file:/b.yml"));
        assertEquals(List.of(Path.of("/a.yml")), SecretFiles.configured("/a.yml", "/etc/hailong/kiosk.yml"));
        assertEquals(List.of(), SecretFiles.configured("", null));
    }
}
