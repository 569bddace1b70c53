package vn.hailong.kiosk.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The first-run check names every missing or wrong setting and the variable that fixes it. */
class KioskConfigTest {
    @Test
    void aCompleteConfigurationHasNoProblems() {
        assertEquals(List.of(), new KioskConfig("http://10.0.0.5:8080", "T-0001", "s3cret", "./d", 4, "vi", 3, 4).problems());
    }

    @Test
    void everyProblemNamesItsVariable() {
        List<String> problems = new KioskConfig(null, "T 1", "", "./d", 6, "fr", 3, 4).problems();
        assertEquals(5, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("HAILONG_SERVER_URL"));
        assertTrue(problems.get(1).startsWith("HAILONG_TERMINAL_ID"));
        assertTrue(problems.get(2).startsWith("HAILONG_TERMINAL_SECRET"));
        assertTrue(problems.get(3).startsWith("HAILONG_SCALE"));
        assertTrue(problems.get(4).startsWith("HAILONG_LANG"));
        assertTrue(new KioskConfig("ftp://x", "T-1", "s", "./d", 4, "en", 3, 4).problems().get(0).contains("http://"));
    }
}
