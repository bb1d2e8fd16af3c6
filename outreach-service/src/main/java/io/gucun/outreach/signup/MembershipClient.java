package io.gucun.outreach.signup;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** membership-service's member API, reached through the gateway ({@code gucun.membership.url}). */
@RegisterRestClient(configKey = "membership")
@Path("/api/membership/members")
public interface MembershipClient {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    JsonNode register(@HeaderParam("Authorization") String authorization, SignUpDtos.MemberRegistration registration);
}
