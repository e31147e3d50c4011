package dev.parley.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.account.AccountService;
import dev.parley.core.account.Authenticated;
import io.vertx.ext.web.Router;

/** Sign-up, login, logout and sessions. */
public final class AccountRoutes {
    private final AccountService accounts;
    private final Endpoints endpoints;

    public AccountRoutes(AccountService accounts, Endpoints endpoints) {
        this.accounts = accounts;
        this.endpoints = endpoints;
    }

    public void mount(Router api) {
        api.post("/auth/register").handler(endpoints.hashing(201, ctx -> {
            ObjectBody body = Query.body(ctx);
            return authenticated(accounts.register(body.requiredString("username"), body.requiredString("password"),
                    body.optionalString("email"), body.optionalString("display_name"),
                    ctx.request().remoteAddress().hostAddress()));
        }));
        api.post("/auth/login").handler(endpoints.hashing(200, ctx -> {
            ObjectBody body = Query.body(ctx);
            return authenticated(accounts.login(body.requiredString("username"), body.requiredString("password"),
                    body.optionalString("device_name"), ctx.request().remoteAddress().hostAddress()));
        }));
        api.post("/auth/logout").handler(endpoints.authed(204, (caller, ctx) -> {
            accounts.logout(caller);
            return null;
        }));
        api.get("/auth/sessions").handler(endpoints.authed(200, (caller, ctx) -> {
            ObjectNode n = Json.object();
            ArrayNode sessions = n.putArray("sessions");
            accounts.sessions(caller).forEach(s -> sessions.add(Wire.session(s, caller.sessionId())));
            return n;
        }));
        api.delete("/auth/sessions/:id").handler(endpoints.authed(204, (caller, ctx) -> {
            accounts.revokeSession(caller, Query.pathId(ctx, "id"));
            return null;
        }));
    }

    private static ObjectNode authenticated(Authenticated a) {
        ObjectNode n = Json.object();
        n.set("user", Wire.user(a.user()));
        n.put("token", a.token());
        n.put("session_id", Wire.id(a.sessionId()));
        return n;
    }
}
