package dev.parley.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.account.AccountService;
import dev.parley.core.account.AdminService;
import dev.parley.core.account.ProfileUpdate;
import dev.parley.core.error.ParleyException;
import io.vertx.ext.web.Router;

/** Profiles and finding people. */
public final class UserRoutes {
    private static final int SEARCH_DEFAULT = 20;
    private static final int SEARCH_MAX = 100;

    private final AccountService accounts;
    private final AdminService admins;
    private final Endpoints endpoints;

    public UserRoutes(AccountService accounts, AdminService admins, Endpoints endpoints) {
        this.accounts = accounts;
        this.admins = admins;
        this.endpoints = endpoints;
    }

    public void mount(Router api) {
        api.get("/users/me").handler(endpoints.authed(200, (caller, ctx) ->
                Wire.user(accounts.user(caller.userId())).put("admin", !caller.isBot() && admins.isAdmin(caller.userId()))));
        api.patch("/users/me").handler(endpoints.authed(200, (caller, ctx) -> {
            ObjectBody body = Query.body(ctx);
            return Wire.user(accounts.updateProfile(caller, new ProfileUpdate(body.optionalString("display_name"),
                    body.clearableString("avatar_url"), body.clearableString("status_text"))));
        }));
        api.get("/users/search").handler(endpoints.authed(200, (caller, ctx) -> {
            String q = Query.string(ctx, "q");
            if (q == null || q.isBlank()) {
                throw ParleyException.invalid("q is required");
            }
            ObjectNode n = Json.object();
            n.set("users", Wire.users(accounts.search(q.strip(), Query.limit(ctx, SEARCH_DEFAULT, SEARCH_MAX))));
            return n;
        }));
        api.get("/users/:id").handler(endpoints.authed(200, (caller, ctx) -> Wire.user(accounts.user(Query.pathId(ctx, "id")))));
        api.get("/users").handler(endpoints.authed(200, (caller, ctx) -> {
            String username = Query.string(ctx, "username");
            if (username == null || username.isBlank()) {
                throw ParleyException.invalid("username is required");
            }
            return Wire.user(accounts.byUsername(username.strip()));
        }));
    }
}
