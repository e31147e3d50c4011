package dev.parley.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.Page;
import dev.parley.core.account.Account;
import dev.parley.core.account.AdminService;
import dev.parley.core.account.PasswordResets;
import io.vertx.ext.web.Router;

/** The admin API under /admin: accounts, admins, password resets and invites (admins only; others get 403). */
public final class AdminRoutes {
    private static final int PAGE_DEFAULT = 50;
    private static final int PAGE_MAX = 100;

    private final AdminService admins;
    private final PasswordResets resets;
    private final Endpoints endpoints;
    private final String publicUrl;

    public AdminRoutes(AdminService admins, PasswordResets resets, Endpoints endpoints, String publicUrl) {
        this.admins = admins;
        this.resets = resets;
        this.endpoints = endpoints;
        this.publicUrl = publicUrl;
    }

    public void mount(Router api) {
        api.get("/admin/users").handler(endpoints.authed(200, (caller, ctx) -> {
            Page<Account> page = admins.accounts(caller, Query.string(ctx, "q"), Query.string(ctx, "cursor"),
                    Query.limit(ctx, PAGE_DEFAULT, PAGE_MAX));
            ObjectNode n = Json.object();
            ArrayNode users = n.putArray("users");
            page.items().forEach(a -> users.add(Wire.account(a)));
            n.put("next_cursor", page.nextCursor());
            return n;
        }));
        api.post("/admin/users").handler(endpoints.authed(201, (caller, ctx) -> {
            ObjectBody body = Query.body(ctx);
            return Wire.user(admins.createAccount(caller, body.requiredString("username"), body.requiredString("password")));
        }));
        api.post("/admin/users/:id/deactivate").handler(endpoints.authed(204, (caller, ctx) -> {
            admins.deactivate(caller, Query.pathId(ctx, "id"));
            return null;
        }));
        api.post("/admin/users/:id/reactivate").handler(endpoints.authed(204, (caller, ctx) -> {
            admins.reactivate(caller, Query.pathId(ctx, "id"));
            return null;
        }));
        api.put("/admin/users/:id/admin").handler(endpoints.authed(204, (caller, ctx) -> {
            admins.setAdmin(caller, Query.pathId(ctx, "id"), true);
            return null;
        }));
        api.delete("/admin/users/:id/admin").handler(endpoints.authed(204, (caller, ctx) -> {
            admins.setAdmin(caller, Query.pathId(ctx, "id"), false);
            return null;
        }));
        api.post("/admin/users/:id/password-reset").handler(endpoints.authed(200, (caller, ctx) -> {
            String secret = resets.issue(caller, Query.pathId(ctx, "id"));
            return Json.object().put("reset_url", PublicAddress.of(ctx, publicUrl) + "/#reset=" + secret);
        }));
        api.post("/admin/invites").handler(endpoints.authed(201, (caller, ctx) -> {
            ObjectBody body = Query.body(ctx);
            Long maxUses = body.optionalId("max_uses");
            Long expires = body.optionalId("expires_in_seconds");
            return Wire.invite(admins.createInvite(caller, maxUses == null ? null : (int) Math.min(Integer.MAX_VALUE, maxUses),
                    expires), PublicAddress.of(ctx, publicUrl));
        }));
        api.get("/admin/invites").handler(endpoints.authed(200, (caller, ctx) -> {
            ObjectNode n = Json.object();
            ArrayNode invites = n.putArray("invites");
            String base = PublicAddress.of(ctx, publicUrl);
            admins.invites(caller).forEach(i -> invites.add(Wire.invite(i, base)));
            return n;
        }));
        api.delete("/admin/invites/:code").handler(endpoints.authed(204, (caller, ctx) -> {
            admins.revokeInvite(caller, ctx.pathParam("code"));
            return null;
        }));
    }
}
