// The private desktop of one journey test executable: an Xvfb server (display number chosen by the
// server through -displayfd), a session D-Bus with the AT-SPI accessibility bus, and the openbox
// window manager. Started before the test's QGuiApplication so the test itself can grab the screen.
#pragma once

#include <string>
#include <sys/types.h>
#include <vector>

namespace Journey {

class Desktop
{
public:
    Desktop() = default;
    Desktop(const Desktop &) = delete;
    Desktop &operator=(const Desktop &) = delete;
    ~Desktop();

    // Starts the server, the buses and the window manager, and sets DISPLAY and
    // DBUS_SESSION_BUS_ADDRESS in this process's environment. Plain POSIX: no Qt object may exist
    // yet. On failure returns false with a message naming what did not start.
    bool start(std::string *error);
    void stop();

    const std::string &root() const { return m_root; }
    const std::string &display() const { return m_display; }

private:
    pid_t spawn(const std::vector<std::string> &argv, const std::string &log, int inheritFd = -1);
    bool waitForFile(const std::string &path, int ms) const;

    std::string m_root;
    std::string m_display;
    std::vector<pid_t> m_pids; // in start order; stopped in reverse
};

} // namespace Journey
