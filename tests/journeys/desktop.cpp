#include "desktop.h"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace Journey {

namespace {

using Clock = std::chrono::steady_clock;

// Reads one line from fd within ms milliseconds ("" on timeout or end of file).
std::string readLine(int fd, int ms)
{
    std::string line;
    const auto deadline = Clock::now() + std::chrono::milliseconds(ms);
    while (Clock::now() < deadline) {
        pollfd p{fd, POLLIN, 0};
        const int left = int(
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count());
        if (poll(&p, 1, left > 0 ? left : 0) <= 0)
            continue;
        char c;
        const ssize_t n = read(fd, &c, 1);
        if (n <= 0)
            break;
        if (c == '\n')
            return line;
        line += c;
    }
    return line;
}

std::string commandOutput(const std::string &command)
{
    std::string out;
    if (FILE *f = popen(command.c_str(), "r")) {
        char buf[256];
        while (fgets(buf, sizeof buf, f))
            out += buf;
        pclose(f);
    }
    return out;
}

} // namespace

Desktop::~Desktop()
{
    stop();
}

pid_t Desktop::spawn(const std::vector<std::string> &argv, const std::string &log, int inheritFd)
{
    const pid_t pid = fork();
    if (pid != 0)
        return pid;
    // The child: dies with the test process, output to its log, stdin from /dev/null.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (inheritFd >= 0)
        fcntl(inheritFd, F_SETFD, 0);
    const int in = open("/dev/null", O_RDONLY);
    const int out = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (in >= 0)
        dup2(in, 0);
    if (out >= 0) {
        dup2(out, 1);
        dup2(out, 2);
    }
    std::vector<char *> args;
    for (const auto &a : argv)
        args.push_back(const_cast<char *>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
}

bool Desktop::waitForFile(const std::string &path, int ms) const
{
    const auto deadline = Clock::now() + std::chrono::milliseconds(ms);
    while (Clock::now() < deadline) {
        if (access(path.c_str(), F_OK) == 0)
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
}

bool Desktop::start(std::string *error)
{
    char tmpl[] = "/tmp/signalbox-journey-XXXXXX";
    if (!mkdtemp(tmpl)) {
        *error = std::string("cannot create a temporary folder: ") + std::strerror(errno);
        return false;
    }
    m_root = tmpl;
    const std::string runtime = m_root + "/runtime";
    mkdir(runtime.c_str(), 0700);
    setenv("XDG_RUNTIME_DIR", runtime.c_str(), 1);

    // X server: it writes the display number it took to the pipe.
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
        *error = "pipe2 failed";
        return false;
    }
    m_pids.push_back(spawn({"Xvfb", "-displayfd", std::to_string(fds[1]), "-screen", "0",
                            "1920x1080x24", "-nolisten", "tcp", "-noreset"},
                           m_root + "/xvfb.log", fds[1]));
    close(fds[1]);
    const std::string number = readLine(fds[0], 15000);
    close(fds[0]);
    if (number.empty()) {
        *error = "Xvfb did not report a display within 15 s (see " + m_root + "/xvfb.log)";
        return false;
    }
    m_display = ":" + number;
    setenv("DISPLAY", m_display.c_str(), 1);

    // Session bus: org.a11y.Bus (at-spi-bus-launcher) is activated on it when the app asks.
    if (pipe2(fds, O_CLOEXEC) != 0) {
        *error = "pipe2 failed";
        return false;
    }
    m_pids.push_back(spawn({"dbus-daemon", "--session", "--nofork",
                            "--address=unix:path=" + m_root + "/session-bus",
                            "--print-address=" + std::to_string(fds[1])},
                           m_root + "/dbus.log", fds[1]));
    close(fds[1]);
    const std::string address = readLine(fds[0], 10000);
    close(fds[0]);
    if (address.empty()) {
        *error = "dbus-daemon did not print its address within 10 s (see " + m_root + "/dbus.log)";
        return false;
    }
    setenv("DBUS_SESSION_BUS_ADDRESS", address.c_str(), 1);

    // Window manager: running once it has set _NET_SUPPORTING_WM_CHECK on the root window.
    m_pids.push_back(spawn({"openbox", "--sm-disable"}, m_root + "/openbox.log"));
    const auto deadline = Clock::now() + std::chrono::seconds(10);
    while (commandOutput("xprop -root _NET_SUPPORTING_WM_CHECK 2>/dev/null").find("window id")
           == std::string::npos) {
        if (Clock::now() > deadline) {
            *error = "openbox did not take the screen within 10 s (see " + m_root + "/openbox.log)";
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return true;
}

void Desktop::stop()
{
    for (auto it = m_pids.rbegin(); it != m_pids.rend(); ++it) {
        if (*it <= 0)
            continue;
        kill(*it, SIGTERM);
        bool exited = false;
        for (int i = 0; i < 100 && !exited; ++i) {
            exited = waitpid(*it, nullptr, WNOHANG) == *it;
            if (!exited)
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        if (!exited) {
            kill(*it, SIGKILL);
            waitpid(*it, nullptr, 0);
        }
    }
    m_pids.clear();
    if (!m_root.empty() && !getenv("SIGNALBOX_JOURNEY_KEEP")) {
        std::error_code ec;
        std::filesystem::remove_all(m_root, ec);
    }
    m_root.clear();
}

} // namespace Journey
