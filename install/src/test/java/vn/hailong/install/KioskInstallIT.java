package vn.hailong.install;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hailong.sync.YamlKeys;

/** install/kiosk-install.sh into a staging root: every file, owner and mode; upgrade; uninstall. */
class KioskInstallIT {
    @TempDir
    Path dir;

    private Scripts.Run install(Path root, String... options) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bash", "kiosk-install.sh"));
        command.addAll(List.of(options));
        return Scripts.run(Map.of("DESTDIR", root.toString()), "", command);
    }

    @Test
    void installsEveryFileWithItsOwnerAndMode() throws Exception {
        Path root = Scripts.stagingRoot(dir.resolve("root"));
        Scripts.Run run = install(root, "--panel-usb", "0403:6001", "--panel-serial", "A10K3XZ");
        assertEquals(0, run.code(), run.toString());
        String kiosk = Scripts.owner(root, "hailong");
        assertTrue(Scripts.members(root, "dialout").contains("hailong"), "the kiosk's user may open the panel");
        Map<String, String> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("/etc/hailong", "rwxr-xr-x 0:0"),
                Map.entry("/etc/hailong/kiosk.yml", "rw------- " + kiosk),
                Map.entry("/etc/systemd", "rwxr-xr-x 0:0"),
                Map.entry("/etc/systemd/system", "rwxr-xr-x 0:0"),
                Map.entry("/etc/systemd/system/hailong-kiosk.service", "rw-r--r-- 0:0"),
                Map.entry("/etc/systemd/system/multi-user.target.wants", "rwxr-xr-x 0:0"),
                Map.entry("/etc/systemd/system/multi-user.target.wants/hailong-kiosk.service", "rwxrwxrwx 0:0"),
                Map.entry("/etc/udev", "rwxr-xr-x 0:0"),
                Map.entry("/etc/udev/rules.d", "rwxr-xr-x 0:0"),
                Map.entry("/etc/udev/rules.d/99-hailong-panel.rules", "rw-r--r-- 0:0"),
                Map.entry("/opt", "rwxr-xr-x 0:0"),
                Map.entry("/opt/hailong", "rwxr-xr-x 0:0"),
                Map.entry("/opt/hailong/hailong-hardware.jar", "rw-r--r-- 0:0"),
                Map.entry("/opt/hailong/hailong-kiosk.jar", "rw-r--r-- 0:0"),
                Map.entry("/opt/hailong/kiosk-provision.sh", "rwxr-xr-x 0:0"),
                Map.entry("/opt/hailong/kiosk.jvm-options", "rw-r--r-- 0:0"),
                Map.entry("/opt/hailong/kiosk.sh", "rwxr-xr-x 0:0"),
                Map.entry("/opt/hailong/lib", "rwxr-xr-x 0:0"),
                Map.entry("/opt/hailong/lib/common.sh", "rw-r--r-- 0:0"),
                Map.entry("/var", "rwxr-xr-x 0:0"),
                Map.entry("/var/lib", "rwxr-xr-x 0:0"),
                Map.entry("/var/lib/hailong", "rwxr-x--- " + kiosk),
                Map.entry("/var/lib/hailong/kiosk", "rwx------ " + kiosk)));
        Map<String, String> actual = new TreeMap<>();
        for (String path : Scripts.tree(root)) {
            actual.put(path, Scripts.modeAndOwner(root, path));
        }
        assertEquals(expected, actual);
        assertEquals("/etc/systemd/system/hailong-kiosk.service", Files.readSymbolicLink(
                root.resolve("etc/systemd/system/multi-user.target.wants/hailong-kiosk.service")).toString());
        assertArrayEquals(Files.readAllBytes(Scripts.REPO.resolve("kiosk/target/hailong-kiosk.jar")),
                Files.readAllBytes(root.resolve("opt/hailong/hailong-kiosk.jar")));
        Scripts.Run installed = Scripts.run(Map.of(), "bash", root.resolve("opt/hailong/kiosk-provision.sh").toString(),
                "--help");
        assertEquals(0, installed.code(), "the installed provisioning script finds its library: " + installed);
        assertTrue(installed.output().contains("--operator-token"), installed.output());
    }

    @Test
    void theServiceUnitPassesSystemdAnalyzeAndShowsTheKioskOnTty1() throws Exception {
        Path root = Scripts.stagingRoot(dir.resolve("root"));
        assertEquals(0, install(root).code());
        Path unit = root.resolve("etc/systemd/system/hailong-kiosk.service");
        Scripts.Run verify = Scripts.run(Map.of(), "systemd-analyze", "verify", unit.toString());
        assertEquals(0, verify.code(), verify.toString());
        assertEquals("", verify.output().strip(), "systemd-analyze has nothing to say");
        String text = Files.readString(unit);
        for (String line : List.of("User=hailong", "TTYPath=/dev/tty1", "StandardInput=tty-force",
                "Conflicts=getty@tty1.service", "Restart=always", "--blank 0",
                "Environment=MICRONAUT_CONFIG_FILES=/etc/hailong/kiosk.yml HAILONG_DATA_DIR=/var/lib/hailong/kiosk")) {
            assertTrue(text.contains(line), "the unit has " + line);
        }
    }

    private static final Pattern RULE_TOKEN = Pattern.compile(
            "\\s*([A-Z]+)(\\{([A-Za-z_]+)\\})?\\s*(==|!=|\\+=|:=|=)\\s*\"([^\"]*)\"\\s*");
    private static final Set<String> UDEV_KEYS = Set.of("SUBSYSTEM", "SUBSYSTEMS", "KERNEL", "ATTRS", "ATTR",
            "SYMLINK", "GROUP", "MODE", "OWNER", "ENV", "TAG");

    /** udev's own syntax, checked the way udevadm parses a line: KEY[{attr}] OP "value", comma separated. */
    private static Map<String, String> parseRule(String line) {
        Map<String, String> keys = new TreeMap<>();
        for (String token : line.split(",")) {
            Matcher m = RULE_TOKEN.matcher(token);
            assertTrue(m.matches(), "udev rule token '" + token + "' is well formed");
            assertTrue(UDEV_KEYS.contains(m.group(1)), "udev knows the key " + m.group(1));
            keys.put(m.group(1) + (m.group(3) == null ? "" : "{" + m.group(3) + "}") + m.group(4), m.group(5));
        }
        return keys;
    }

    @Test
    void theUdevRuleNamesThePanelByVendorProductAndSerial() throws Exception {
        Path root = Scripts.stagingRoot(dir.resolve("root"));
        assertEquals(0, install(root, "--panel-usb", "0403:6001", "--panel-serial", "A10K3XZ").code());
        List<String> rules = Files.readAllLines(root.resolve("etc/udev/rules.d/99-hailong-panel.rules")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        assertEquals(1, rules.size(), rules.toString());
        assertEquals(Map.of("SUBSYSTEM==", "tty", "ATTRS{idVendor}==", "0403", "ATTRS{idProduct}==", "6001",
                "ATTRS{serial}==", "A10K3XZ", "SYMLINK+=", "hailong-panel", "GROUP=", "dialout", "MODE=", "0660"),
                parseRule(rules.get(0)));

        Path plain = Scripts.stagingRoot(dir.resolve("plain"));
        assertEquals(0, install(plain).code());
        Map<String, String> defaults = parseRule(Files.readAllLines(plain.resolve("etc/udev/rules.d/99-hailong-panel.rules"))
                .stream().filter(l -> l.startsWith("SUBSYSTEM")).findFirst().orElseThrow());
        assertEquals("1a86", defaults.get("ATTRS{idVendor}=="));
        assertFalse(defaults.containsKey("ATTRS{serial}=="), "no serial asked, none matched");
    }

    @Test
    void wrongOptionsAreRefusedWithTheFixAndInstallNothing() throws Exception {
        Path root = Scripts.stagingRoot(dir.resolve("root"));
        Scripts.Run run = install(root, "--panel-usb", "CH340");
        assertEquals(1, run.code(), run.toString());
        assertTrue(run.output().contains("--panel-usb wants the adapter's USB VID:PID as lsusb shows it"), run.output());
        run = install(root, "--purge");
        assertTrue(run.code() != 0 && run.output().contains("--purge goes with --uninstall"), run.toString());
        run = install(root, "--colour");
        assertTrue(run.code() != 0 && run.output().contains("unknown option '--colour'"), run.toString());
        assertEquals(List.of(), Scripts.tree(root), "nothing installed");
    }

    @Test
    void theConfigFileDocumentsEveryKeyOfTheKiosk() throws Exception {
        Map<String, Object> builtIn = YamlKeys.of(Scripts.REPO.resolve("kiosk/src/main/resources/application.yml"));
        String template = Files.readString(Scripts.INSTALL.resolve("files/kiosk.yml"));
        Map<String, Object> documented = YamlKeys.of(Scripts.INSTALL.resolve("files/kiosk.yml"));
        builtIn.keySet().stream().filter(k -> k.startsWith("hailong.") || k.equals("micronaut.server.port"))
                .forEach(k -> assertTrue(documented.containsKey(k), k + " is missing from install/files/kiosk.yml"));
        Set<String> installerSet = Set.of("hailong.data-dir", "hailong.panel.port");
        documented.forEach((key, value) -> {
            if (!installerSet.contains(key)) {
                assertEquals(builtIn.get(key), value, key + " has the kiosk's own default");
            }
        });
        long vietnamese = template.lines().filter(l -> l.strip().startsWith("#")).filter(l -> l.matches(".*[ảạắằặẩẫậđểễệỉịỏọốồổộớờởợủụứừửựỷỹý].*")).count();
        assertTrue(vietnamese >= 20, "the comments are in Vietnamese too: " + vietnamese + " lines");
    }

    @Test
    void anUpgradeKeepsConfigurationAndDataAndUninstallKeepsThemUnlessPurged() throws Exception {
        Path root = Scripts.stagingRoot(dir.resolve("root"));
        assertEquals(0, install(root).code());
        Path config = root.resolve("etc/hailong/kiosk.yml");
        String provisioned = Files.readString(config).replaceAll("(?m)^  terminal-secret: .*$", "  terminal-secret: 'kept'");
        Files.writeString(config, provisioned);
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));   // someone's chmod
        Path ratings = Files.writeString(root.resolve("var/lib/hailong/kiosk/kiosk.mv.db"), "ratings");
        Path newJar = dir.resolve("hailong-kiosk.jar");
        Files.copy(Scripts.REPO.resolve("kiosk/target/hailong-kiosk.jar"), newJar);
        Files.write(newJar, new byte[] {0}, StandardOpenOption.APPEND);

        Scripts.Run upgrade = Scripts.run(Map.of("DESTDIR", root.toString(), "HAILONG_KIOSK_JAR", newJar.toString()),
                "bash", "kiosk-install.sh");
        assertEquals(0, upgrade.code(), upgrade.toString());
        assertTrue(upgrade.output().contains("upgrade: configuration and data kept"), upgrade.output());
        assertEquals(provisioned, Files.readString(config), "the provisioned configuration is kept");
        assertEquals("rw------- " + Scripts.owner(root, "hailong"), Scripts.modeAndOwner(root, "/etc/hailong/kiosk.yml"),
                "and its mode mended");
        assertEquals("ratings", Files.readString(ratings));
        assertArrayEquals(Files.readAllBytes(newJar), Files.readAllBytes(root.resolve("opt/hailong/hailong-kiosk.jar")));

        Scripts.Run uninstall = install(root, "--uninstall");
        assertEquals(0, uninstall.code(), uninstall.toString());
        assertEquals(List.of("/etc/hailong", "/etc/hailong/kiosk.yml", "/etc/systemd", "/etc/systemd/system", "/etc/udev", "/etc/udev/rules.d", "/opt", "/var",
                "/var/lib", "/var/lib/hailong", "/var/lib/hailong/kiosk", "/var/lib/hailong/kiosk/kiosk.mv.db"),
                Scripts.tree(root), "configuration and ratings kept");
        Scripts.Run purge = install(root, "--uninstall", "--purge");
        assertEquals(0, purge.code(), purge.toString());
        assertFalse(Files.exists(ratings) || Files.exists(config), "purged: " + Scripts.tree(root));
    }
}
