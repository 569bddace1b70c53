package vn.hailong.sync.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecentDossiersTest {
    @Test
    void keepsTheMostRecentlyRatedUpToItsCapacity() {
        RecentDossiers recent = new RecentDossiers(2);
        recent.add(List.of("D1", "D2"));
        assertEquals(List.of("D1"), recent.among(List.of("D1", "D9")));
        recent.add(List.of("D1"));
        recent.add(List.of("D3"));
        assertEquals(List.of("D1", "D3"), recent.among(List.of("D1", "D2", "D3")), "D1 rated again, so D2 went first");
    }

    @Test
    void aCapacityOfNoneRemembersNothing() {
        RecentDossiers none = new RecentDossiers(0);
        none.add(List.of("D1"));
        assertEquals(List.of(), none.among(List.of("D1")));
    }
}
