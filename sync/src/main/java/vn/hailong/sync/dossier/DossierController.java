package vn.hailong.sync.dossier;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;

/** {@code POST /api/v1/admin/dossiers}: dossier records as a JSON array, or as CSV ({@code text/csv}). */
@SecurityRequirement(name = "operator")
@Tag(name = "admin")
@Controller("/api/v1/admin/dossiers")
public class DossierController {
    private final DossierImport importer;

    public DossierController(DossierImport importer) {
        this.importer = importer;
    }

    @Post(consumes = MediaType.APPLICATION_JSON)
    public DossierImport.Result json(@Body byte[] body) {
        return importer.fromJson(body);
    }

    @Post(consumes = "text/csv")
    public DossierImport.Result csv(@Body byte[] body) {
        return importer.fromCsv(body);
    }
}
