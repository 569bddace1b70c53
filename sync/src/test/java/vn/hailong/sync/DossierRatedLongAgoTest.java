package vn.hailong.sync;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/**
 * {@link DossierRatedBeforeTest} with no dossier remembered as rated lately (another server instance stored the
 * first rating, or this one restarted since): the ratings' insert fails on the dossier's counted rating and is made
 * again under its savepoint.
 */
@MicronautTest(environments = "synctest", transactional = false)
@Property(name = "hailong.sync.recent-dossiers", value = "0")
class DossierRatedLongAgoTest extends DossierRatedBeforeTest {
}
