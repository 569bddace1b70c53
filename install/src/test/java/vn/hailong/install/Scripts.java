package vn.hailong.install;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the installer scripts of install/ as a person would, and reads what they left in a staging root. */
final class Scripts {
    /** install/, this module's directory. */
    static final Path INSTALL = Path.of("").toAbsolutePath();
    static final Path REPO = INSTALL.getParent();

    private Scripts() {
    }

    record Run(int code, String output) {
        @Override
        public String toString() {
            return "exit " + code + ":\n" + output;
        }
    }

    /** Runs COMMAND (from install/) with these extra variables and this standard input; at most 3 minutes. */
    static Run run(Map<String, String> env, String stdin, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(INSTALL.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(command + " did not end in 3 minutes");
        }
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    static Run run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        return run(env, "", List.of(command));
    }

    /** A staging root holding a copy of this machine's user database, which the installers add their users to. */
    static Path stagingRoot(Path dir) throws IOException {
        Path etc = Files.createDirectories(dir.resolve("etc"));
        for (String file : List.of("passwd", "group", "shadow", "gshadow")) {
            Files.copy(Path.of("/etc", file), etc.resolve(file));
        }
        return dir;
    }

    /** uid:gid of a user of the staging root. */
    static String owner(Path root, String user) throws IOException {
        for (String line : Files.readAllLines(root.resolve("etc/passwd"))) {
            String[] f = line.split(":");
            if (f[0].equals(user)) {
                return f[2] + ":" + f[3];
            }
        }
        throw new AssertionError("no user " + user + " in " + root.resolve("etc/passwd"));
    }

    static String gid(Path root, String group) throws IOException {
        for (String line : Files.readAllLines(root.resolve("etc/group"))) {
            String[] f = line.split(":");
            if (f[0].equals(group)) {
                return f[2];
            }
        }
        throw new AssertionError("no group " + group);
    }

    static List<String> members(Path root, String group) throws IOException {
        for (String line : Files.readAllLines(root.resolve("etc/group"))) {
            String[] f = line.split(":", -1);
            if (f[0].equals(group)) {
                return f[3].isEmpty() ? List.of() : List.of(f[3].split(","));
            }
        }
        return List.of();
    }

    /** "rw------- 999:995" for a file of the staging root. */
    static String modeAndOwner(Path root, String path) throws IOException {
        Path file = root.resolve(path.substring(1));
        PosixFileAttributes a = Files.readAttributes(file, PosixFileAttributes.class,
                java.nio.file.LinkOption.NOFOLLOW_LINKS);
        int uid = (Integer) Files.getAttribute(file, "unix:uid", java.nio.file.LinkOption.NOFOLLOW_LINKS);
        int gid = (Integer) Files.getAttribute(file, "unix:gid", java.nio.file.LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) Files.getAttribute(file, "unix:mode", java.nio.file.LinkOption.NOFOLLOW_LINKS);
        String special = (mode & 02000) != 0 ? "+setgid" : "";
        return PosixFilePermissions.toString(a.permissions()) + special + " " + uid + ":" + gid;
    }

    /** Every file and directory under the staging root that the installer made (not the copied user database). */
    static List<String> tree(Path root) throws IOException {
        List<String> paths = new ArrayList<>();
        try (var walk = Files.walk(root)) {
            walk.filter(p -> !p.equals(root)).map(p -> "/" + root.relativize(p))
                    .filter(p -> !p.matches("/etc(/(passwd|group|shadow|gshadow)-?|/\\.pwd\\.lock)?")).sorted().forEach(paths::add);
        }
        return paths;
    }
}
