"""Who is using the workbench: the office-mode login, roles, session expiry and the Host check.

Local mode (the default, `make run`): the server listens on 127.0.0.1 only, there is no login and
the audit trail names the writer 本机用户. Office mode (`make serve`, `party-workbench serve`, or any
server address that is not a loopback one): nothing of the workbench is sent before a login with an
account of storage/accounts.py; a session ends after :data:`IDLE_MINUTES` without use; a viewer
(只读) sees every page and changes nothing — ui/state.py gives a viewer's session a read-only store,
which refuses every write. In both modes a request whose Host header is not an address of this
server is refused (DNS rebinding): only the page saying so is sent. In office mode any IP address of
this machine is accepted (the LAN address colleagues type), and names listed in PARTY_WORKBENCH_HOSTS.

Session keys of this module (beside ui/state.py's): ``auth_user``, ``auth_role``, ``auth_seen``.
"""

from __future__ import annotations

import contextlib
import ipaddress
import os
import socket
import time

import streamlit as st

from storage import accounts
from storage.store import LOCAL_ACTOR, Store, StoreError

__all__ = [
    "MODE_VAR",
    "HOSTS_VAR",
    "IDLE_MINUTES",
    "office_mode",
    "read_only",
    "actor",
    "user",
    "require_login",
    "logout",
    "host_allowed",
    "allowed_hosts",
    "AUTH_KEYS",
]

MODE_VAR = "PARTY_WORKBENCH_MODE"  # "office" for the shared server
HOSTS_VAR = "PARTY_WORKBENCH_HOSTS"  # extra host names or addresses the office server is reached by
IDLE_MINUTES = float(os.environ.get("PARTY_WORKBENCH_IDLE_MINUTES", "30") or 30)
AUTH_KEYS = ("auth_user", "auth_role", "auth_seen")
_LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}


def _server_address() -> str:
    try:
        return str(st.get_option("server.address") or "")
    except RuntimeError:
        return ""


def _is_loopback(host: str) -> bool:
    host = host.strip("[]")
    if host in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def office_mode() -> bool:
    """True when the workbench is shared on the network: by ``PARTY_WORKBENCH_MODE=office`` or by its address."""
    if os.environ.get(MODE_VAR, "").strip().lower() == "office":
        return True
    return not _is_loopback(_server_address() or "0.0.0.0")


def user() -> str | None:
    """The logged-in account's name (None in local mode or before login)."""
    return st.session_state.get("auth_user")


def read_only() -> bool:
    """True for a viewer's session: every edit control is disabled and the store refuses writes."""
    return office_mode() and st.session_state.get("auth_role") != accounts.EDITOR


def actor() -> str:
    """Who the audit trail names for this session's changes."""
    return user() or LOCAL_ACTOR


# -- Host header -----------------------------------------------------------------------------
def allowed_hosts() -> set[str]:
    """The host names a browser may use for this server: loopback, this machine's names and addresses,
    the server address, and ``PARTY_WORKBENCH_HOSTS`` (comma-separated)."""
    hosts = set(_LOOPBACK_NAMES)
    address = _server_address()
    if address and address not in ("0.0.0.0", "::"):
        hosts.add(address)
    if office_mode():
        name = socket.gethostname()
        hosts |= {name, socket.getfqdn()}
        with contextlib.suppress(OSError):
            hosts |= {info[4][0] for info in socket.getaddrinfo(name, None)}
    extra = os.environ.get(HOSTS_VAR, "")
    hosts |= {h.strip() for h in extra.split(",") if h.strip()}
    return {h.lower().strip("[]") for h in hosts}


def _host_name(header: str) -> str:
    """The host of a Host header, without its port.

    >>> _host_name("192.0.2.7:8501"), _host_name("[::1]:8501"), _host_name("Example.org")
    ('192.0.2.7', '::1', 'example.org')
    """
    header = header.strip().lower()
    if header.startswith("["):
        return header[1 : header.find("]")]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def host_allowed() -> bool:
    """Whether this request's Host header names this server (no header: a test harness, allowed)."""
    try:
        header = st.context.headers.get("Host")
    except (RuntimeError, AttributeError):
        header = None
    if not header:
        return True
    host = _host_name(header)
    return host in allowed_hosts() or (office_mode() and _is_own_address(host))


def _is_own_address(host: str) -> bool:
    """Whether ``host`` is an IP address of this machine (binding to it succeeds; nothing is sent).

    >>> _is_own_address("127.0.0.1"), _is_own_address("203.0.113.77"), _is_own_address("intranet")
    (True, False, False)
    """
    try:
        family = socket.AF_INET6 if ipaddress.ip_address(host).version == 6 else socket.AF_INET
    except ValueError:
        return False
    with socket.socket(family, socket.SOCK_DGRAM) as probe:
        try:
            probe.bind((host, 0))
        except OSError:
            return False
    return True


# -- login -----------------------------------------------------------------------------------
def _expired() -> bool:
    seen = st.session_state.get("auth_seen")
    return seen is None or time.time() - seen > IDLE_MINUTES * 60


def logout() -> None:
    for key in AUTH_KEYS:
        st.session_state.pop(key, None)


def require_login(store: Store) -> None:
    """In office mode: the login form, and the page stops, until a valid account has logged in."""
    if not office_mode():
        return
    if user() and not _expired():
        st.session_state["auth_seen"] = time.time()
        return
    expired = bool(user())
    logout()
    st.title("学会党建规划工作台")
    if expired:
        st.info(f"超过{IDLE_MINUTES:g}分钟未操作，已自动退出，请重新登录。")
    with st.form("login"):
        name = st.text_input("用户名", key="login_name")
        password = st.text_input("密码", type="password", key="login_password")
        submitted = st.form_submit_button("登录", type="primary")
    if submitted:
        _try_login(store, name, password)
    if not accounts.users(store):
        st.warning("尚未建立任何账户。请管理员在服务器上运行：party-workbench users add 用户名 --role editor")
    st.caption("本工作台由单位内部服务器提供。账户由管理员在服务器上用 party-workbench users 命令建立。")
    st.stop()


def _try_login(store: Store, name: str, password: str) -> None:
    try:
        account = accounts.login(store, name, password)
    except accounts.LoginRefused as exc:
        time.sleep(min(2.0, exc.wait) if exc.wait else 1.0)  # each wrong password costs the guesser time
        st.error(str(exc))
        return
    except StoreError as exc:
        st.error(str(exc))
        return
    st.session_state["auth_user"] = account.name
    st.session_state["auth_role"] = account.role
    st.session_state["auth_seen"] = time.time()
    st.rerun()
