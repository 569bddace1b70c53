package vn.hailong.sync.ingest;

import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dossiers (hồ sơ) whose ratings this server stored lately, most recent last. A batch looks up these of its
 * dossiers before inserting its ratings, and takes the rest for never rated ({@link EventStore}): a dossier rated
 * again a few batches later then costs one look-up, not the ratings' insert made twice. Only a hint: a dossier
 * rated through another server instance, before a restart or longer ago than the capacity reaches is caught by its
 * unique key all the same, at that dearer price.
 */
@Singleton
public class RecentDossiers {
    private final Map<String, Boolean> recent;

    public RecentDossiers(@Property(name = "hailong.sync.recent-dossiers", defaultValue = "100000") int capacity) {
        this.recent = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Those of {@code dossiers} rated lately (asking does not make a dossier recent: rating it again does). */
    public synchronized List<String> among(Collection<String> dossiers) {
        return dossiers.stream().filter(recent::containsKey).toList();
    }

    /** Remembers these dossiers as rated (a rolled-back batch leaves a few too many: they cost a look-up each). */
    public synchronized void add(Collection<String> dossiers) {
        dossiers.forEach(d -> recent.put(d, Boolean.TRUE));
    }
}
