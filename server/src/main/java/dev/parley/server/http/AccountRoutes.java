package dev.parley.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.account.AccountClosing;
import dev.parley.core.account.AccountService;
import dev.parley.core.account.Authenticated;
import dev.parley.core.account.PasswordResets;
import dev.parley.core.account.Registration;
import io.vertx.ext.web.Router;

/** Sign-up, login, logout, sessions, passwords and deleting one's account. */
public final class AccountRoutes {
    private final AccountService accounts;
    private final Registration registration;
    private final PasswordResets resets;
    private final AccountClosing closing;
    private final Endpoints endpoints;

    public AccountRoutes(AccountService accounts, Registration registration, PasswordResets resets, AccountClosing closing,
                         Endpoints endpoints) {
        this.accounts = accounts;
        this.registration = registration;
        this.resets = resets;
        this.closing = closing;
        this.endpoints = endpoints;
    }

    public void mount(Router api) {
        api.post("/auth/register").handler(endpoints.hashing(201, ctx -> {
            ObjectBody body = Query.body(ctx);
            return authenticated(registration.register(body.requiredString("username"), body.requiredString("password"),
                    body.optionalString("email"), body.optionalString("display_name"), body.optionalString("invite_code"),
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
        api.post("/auth/password").handler(endpoints.authed(204, (caller, ctx) -> {
            ObjectBody body = Query.body(ctx);
            accounts.changePassword(caller, body.requiredString("current_password"), body.requiredString("new_password"));
            return null;
        }));
        api.post("/auth/password/reset").handler(endpoints.open(204, ctx -> {
            ObjectBody body = Query.body(ctx);
            resets.reset(body.requiredString("token"), body.requiredString("new_password"));
            return null;
        }));
        api.delete("/users/me").handler(endpoints.authed(204, (caller, ctx) -> {
            String body = ctx.body().asString();
            closing.deleteOwn(caller, body == null || body.isBlank() ? null : Query.body(ctx).optionalString("password"));
            return null;
        }));
    }

    public static ObjectNode authenticated(Authenticated a) {
        ObjectNode n = Json.object();
        n.set("user", Wire.user(a.user()));
        n.put("token", a.token());
        n.put("session_id", Wire.id(a.sessionId()));
        return n;
    }
}
