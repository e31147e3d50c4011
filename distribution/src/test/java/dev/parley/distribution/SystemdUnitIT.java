package dev.parley.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * deploy/parley.service, unchanged, on a machine with systemd as its init: a privileged container (systemd needs to set
 * up the unit's namespaces) of the base image plus systemd, on the host's network. The tarball with its own runtime is
 * installed as docs/operations.md says, and the unit's hardening is checked on the running process, as the kernel
 * applies it.
 */
@Tag("packaged")
class SystemdUnitIT {
    @RegisterExtension
    static final Images IMAGES = new Images();
    private static final Pattern EXPOSURE = Pattern.compile("Overall exposure level for parley\\.service: ([0-9.]+)");

    @Test
    void theHardenedUnitRunsTheNodeAsADynamicUserOnAReadOnlySystemAndDrainsOnStop() {
        String machine = Podman.uniqueName("parley-systemd-it");
        int port = Dist.freePort();
        String url = "http://127.0.0.1:" + port;
        Podman.ok("run", "--detach", "--name", machine, "--privileged", "--systemd=always", "--network", "host", IMAGES.systemd());
        try {
            Dist.await(Duration.ofSeconds(60), "systemd up in " + machine,
                    () -> List.of("running", "degraded").contains(exec(machine, "systemctl is-system-running").out().strip()));

            String dist = "parley-" + Dist.version();
            Podman.ok("cp", Dist.tarballWithRuntime().toString(), machine + ":/tmp/parley.tar.gz");
            Podman.ok("cp", Dist.root().resolve("deploy/parley.service").toString(), machine + ":/etc/systemd/system/parley.service");
            execOk(machine, "tar -xzf /tmp/parley.tar.gz -C /opt && ln -sfn /opt/" + dist + " /opt/parley"
                    + " && mkdir -p /etc/parley && echo PARLEY_HTTP_PORT=" + port + " > /etc/parley/parley.env"
                    + " && systemctl daemon-reload && systemctl enable --now parley");

            try (Chat chat = Chat.begin(url)) {
                String pid = execOk(machine, "systemctl show --property MainPID --value parley").out().strip();
                String status = execOk(machine, "cat /proc/" + pid + "/status").out();
                int uid = Integer.parseInt(field(status, "Uid").split("\\s+")[0]);
                assertThat(uid).as("a dynamic user (61184-65519)").isBetween(61184, 65519);
                assertThat(field(status, "CapEff")).isEqualTo("0000000000000000");
                assertThat(field(status, "NoNewPrivs")).isEqualTo("1");
                assertThat(field(status, "Seccomp")).as("a system call filter").isEqualTo("2");
                assertThat(execOk(machine, "stat -c '%u %a' /var/lib/private/parley").out().strip()).isEqualTo(uid + " 700");
                assertThat(execOk(machine, "cat /proc/" + pid + "/cmdline | tr '\\0' ' '").out())
                        .startsWith("/opt/" + dist + "/runtime/bin/java ");
                // ProtectSystem=strict: in the node's mount namespace, even root cannot write outside its state directory
                Command write = exec(machine, "nsenter --target " + pid + " --mount -- touch /opt/parley/probe /etc/probe");
                assertThat(write.exit()).isNotZero();
                assertThat(write.err()).contains("Read-only file system");

                Matcher exposure = EXPOSURE.matcher(exec(machine, "systemd-analyze security parley --no-pager").out());
                assertThat(exposure.find()).as("systemd-analyze security's verdict").isTrue();
                System.out.println("systemd-analyze security: exposure " + exposure.group(1));
                assertThat(Double.parseDouble(exposure.group(1))).as("exposure (0 safest, 10 worst)").isLessThanOrEqualTo(2.0);

                chat.drainWhileSending(() -> execOk(machine, "systemctl stop parley"));
                assertThat(execOk(machine, "systemctl show --property Result --value parley").out().strip()).isEqualTo("success");
                assertThat(execOk(machine, "journalctl --unit parley --no-pager").out()).contains("Parley stopped");

                execOk(machine, "systemctl start parley");
                chat.assertStored(url);
            }
        } finally {
            Podman.removeQuietly(machine);
        }
    }

    private static Command exec(String machine, String script) {
        return Podman.run(Podman.QUICK, "exec", machine, "bash", "-c", script);
    }

    private static Command execOk(String machine, String script) {
        return exec(machine, script).ok();
    }

    private static String field(String procStatus, String name) {
        return procStatus.lines().filter(l -> l.startsWith(name + ":")).map(l -> l.substring(name.length() + 1).strip())
                .findFirst().orElseThrow(() -> new AssertionError(name + " not in " + procStatus));
    }
}
