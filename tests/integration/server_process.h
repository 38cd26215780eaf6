// Runs the real `kaoping serve` binary as a child process on 127.0.0.1:0 and learns its port
// from the start-up banner. Used by the crash test, which kills it with SIGKILL.
#ifndef KAOPING_TESTS_INTEGRATION_SERVER_PROCESS_H_
#define KAOPING_TESTS_INTEGRATION_SERVER_PROCESS_H_

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace kaoping::integration {

class ServerProcess {
 public:
  // Starts `binary serve --listen 127.0.0.1:0 --data data_dir` with extra environment entries.
  ServerProcess(const std::string& binary, const std::string& data_dir, std::vector<std::string> env_extra) {
    int fds[2];
    if (::pipe(fds) != 0) return;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
    posix_spawn_file_actions_adddup2(&actions, fds[1], 2);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    std::vector<std::string> args = {binary, "serve", "--listen", "127.0.0.1:0", "--data", data_dir};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::vector<std::string> env;
    for (char** e = environ; *e; ++e) env.emplace_back(*e);
    for (auto& e : env_extra) env.push_back(e);
    std::vector<char*> envp;
    for (auto& e : env) envp.push_back(e.data());
    envp.push_back(nullptr);
    if (posix_spawn(&pid_, binary.c_str(), &actions, nullptr, argv.data(), envp.data()) != 0) pid_ = -1;
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[1]);
    read_fd_ = fds[0];
    reader_ = std::thread([this] { ReadOutput(); });
  }

  ~ServerProcess() {
    if (pid_ > 0 && !reaped_) Kill(SIGKILL);
    if (reader_.joinable()) reader_.join();
    if (read_fd_ >= 0) ::close(read_fd_);
  }

  // Blocks until the banner names the port (0 when the process exited first).
  std::uint16_t WaitForPort() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return port_ != 0 || eof_; });
    return port_;
  }

  // Sends `sig` and reaps the process; returns its wait status.
  int Kill(int sig) {
    if (pid_ <= 0 || reaped_) return -1;
    ::kill(pid_, sig);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    reaped_ = true;
    return status;
  }

  std::string output() {
    std::lock_guard<std::mutex> lock(mu_);
    return output_;
  }
  pid_t pid() const { return pid_; }

 private:
  void ReadOutput() {
    static const std::regex kListening("listening on http://127\\.0\\.0\\.1:([0-9]+)");
    char buf[4096];
    for (;;) {
      ssize_t n = ::read(read_fd_, buf, sizeof(buf));
      if (n <= 0) break;
      std::lock_guard<std::mutex> lock(mu_);
      output_.append(buf, static_cast<size_t>(n));
      if (output_.size() > (1u << 20)) output_.erase(0, output_.size() - (1u << 19));
      std::smatch m;
      if (port_ == 0 && std::regex_search(output_, m, kListening)) {
        port_ = static_cast<std::uint16_t>(std::stoi(m[1]));
        cv_.notify_all();
      }
    }
    std::lock_guard<std::mutex> lock(mu_);
    eof_ = true;
    cv_.notify_all();
  }

  pid_t pid_ = -1;
  bool reaped_ = false;
  int read_fd_ = -1;
  std::thread reader_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::string output_;
  std::uint16_t port_ = 0;
  bool eof_ = false;
};

}  // namespace kaoping::integration

#endif  // KAOPING_TESTS_INTEGRATION_SERVER_PROCESS_H_
