package io.gucun.gateway.problem;

import io.quarkus.oidc.OIDCException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * The gateway's last word: an unknown path gets a 404 problem; any failure raised while handling a request (by
 * Quarkus, Vert.x or the gateway) becomes a problem document with the right status, never a stack trace.
 */
@ApplicationScoped
public class ProblemRoutes {

    private static final Logger LOG = Logger.getLogger(ProblemRoutes.class);

    void mount(@Observes Router router) {
        router.route().failureHandler(this::failure);
        router.route().last().handler(this::notFound);
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    void notFound(RoutingContext ctx) {
        ProblemResponses.send(ctx, GatewayProblem.NOT_FOUND, "No route for " + ctx.request().path() + ".");
    }

    void failure(RoutingContext ctx) {
        if (ctx.response().ended()) {
            return;
        }
        Throwable failure = ctx.failure();
        if (failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            ProblemResponses.send(ctx, GatewayProblem.UNAUTHORIZED, "A valid bearer token is required.");
            return;
        }
        if (failure instanceof ForbiddenException) {
            ProblemResponses.send(ctx, GatewayProblem.FORBIDDEN, "This token does not grant access to this resource.");
            return;
        }
        if (causedBy(failure, OIDCException.class)) {
            // The token cannot be checked right now (identity provider unreachable and its keys not yet known).
            LOG.warnf("Cannot verify the bearer token on %s %s: %s", ctx.request().method(), ctx.request().path(),
                    failure.getMessage());
            ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "5");
            ProblemResponses.send(ctx, GatewayProblem.AUTHENTICATION_UNAVAILABLE,
                    "The bearer token cannot be verified right now. Try again later.");
            return;
        }
        int status = ctx.statusCode();
        if (status < 400) {
            status = 500;
        }
        if (status >= 500) {
            LOG.errorf(failure, "Failure %d on %s %s", status, ctx.request().method(), ctx.request().path());
        }
        GatewayProblem problem = GatewayProblem.forStatus(status);
        String detail = status >= 500 ? "The gateway failed to handle the request." : problem.title() + ".";
        ProblemResponses.send(ctx, problem, status, detail);
    }
}
