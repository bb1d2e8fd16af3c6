package io.gucun.dues.job;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.util.Set;

/** Follows a 202 answer (a collection import or a rebate run) to its job and waits until the job is finished. */
public final class AwaitJob {

    private static final long TIMEOUT_MS = 120_000;

    private AwaitJob() {
    }

    /** The job, once SUCCEEDED or FAILED (GET on the Location of the 202). */
    public static ValidatableResponse finished(Response accepted) {
        assertThat(accepted.statusCode()).as(accepted.asString()).isEqualTo(202);
        String location = accepted.header("Location");
        assertThat(location).contains("/api/dues/jobs/" + accepted.jsonPath().getString("id"));
        return finished(location);
    }

    /** The job at {@code location} (its URL or path), once SUCCEEDED or FAILED. */
    public static ValidatableResponse finished(String location) {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (true) {
            Response job = given().when().get(location);
            assertThat(job.statusCode()).isEqualTo(200);
            if (Set.of("SUCCEEDED", "FAILED").contains(job.jsonPath().getString("status"))) {
                return job.then();
            }
            if (System.currentTimeMillis() > deadline) {
                fail("job " + location + " did not finish: " + job.asString());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The job, which must have SUCCEEDED: its result is under {@code result}. */
    public static ValidatableResponse succeeded(Response accepted) {
        return succeeded(finished(accepted));
    }

    /** The job {@code id}, which must have SUCCEEDED. */
    public static ValidatableResponse succeeded(java.util.UUID id) {
        return succeeded(finished("/api/dues/jobs/" + id));
    }

    private static ValidatableResponse succeeded(ValidatableResponse job) {
        JsonPath j = job.extract().jsonPath();
        assertThat(j.getString("status")).as(job.extract().asString()).isEqualTo("SUCCEEDED");
        return job;
    }

    /** The import a succeeded import job posted into, with every record's result (GET collection-imports/{id}). */
    public static ValidatableResponse imported(Response accepted) {
        long importId = succeeded(accepted).extract().jsonPath().getLong("importId");
        return given().when().get("/api/dues/collection-imports/" + importId).then().statusCode(200);
    }
}
