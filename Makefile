# Two commands on a fresh machine: `make run` and `make test`.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell cat requirements.txt constraints.txt 2>/dev/null | cksum | cut -d' ' -f1)
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PORT   ?= 8501

.PHONY: run serve test lint format sysdeps sample bench bench-browser notebook clean

$(STAMP): requirements.txt constraints.txt
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	@rm -f $(VENV)/.installed-*
	@touch $@

# System packages the tests need: Chromium for browser tests, CJK fonts for images, LibreOffice and poppler
# for the print test of the documents (each installed only when missing).
SYSPKGS := $(if $(shell command -v chromium),,chromium) \
           $(if $(shell fc-list 2>/dev/null | grep -i "Noto Sans CJK"),,fonts-noto-cjk) \
           $(if $(wildcard /usr/lib/libreoffice/program/libswlo.so),,libreoffice-writer-nogui) \
           $(if $(wildcard /usr/lib/libreoffice/program/libsclo.so),,libreoffice-calc-nogui) \
           $(if $(wildcard /usr/lib/libreoffice/program/libsdlo.so),,libreoffice-impress-nogui) \
           $(if $(shell command -v pdftotext),,poppler-utils)
sysdeps:
	@if [ -n "$(strip $(SYSPKGS))" ]; then \
	  echo "installing $(strip $(SYSPKGS))"; \
	  $(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q $(SYSPKGS); \
	fi

run: $(STAMP)
	@echo "学会党建规划工作台：只在本机打开 http://127.0.0.1:$(PORT) （不对局域网开放）"
	$(PY) -m streamlit run app.py --server.address 127.0.0.1 --server.port $(PORT)

# Office mode: shared on the network, login required (accounts: `.venv/bin/python -m model users add NAME --role editor`).
serve: $(STAMP)
	@$(PY) -m model users list | grep -q . || echo "尚无账户：先运行 $(PY) -m model users add 用户名 --role editor"
	@echo "学会党建规划工作台（办公室模式）：同事在局域网中用 http://本机地址:$(PORT) 打开，须先登录"
	PARTY_WORKBENCH_MODE=office $(PY) -m streamlit run app.py --server.address 0.0.0.0 --server.port $(PORT)

test: lint sysdeps
	$(PY) -m pytest

# ruff (pinned in requirements.txt) checks style and lint; `make format` rewrites the files.
lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: $(STAMP)
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

sample: $(STAMP)
	$(PY) sample_data/make_sample.py

bench: $(STAMP)
	@for f in bench/bench_*.py; do echo "== $$f"; $(PY) $$f || exit 1; done

# The browser benchmark alone (bench/bench_browser.py, issue 16): `make bench-browser SIZES=province,3000,10000 RUNS=3`.
# `make bench` runs it on the province sample only; the 10,000-society run takes long (its plan, graph and zip).
SIZES ?= province
RUNS  ?= 3
bench-browser: $(STAMP) sysdeps
	$(PY) bench/bench_browser.py --sizes $(SIZES) --runs $(RUNS)

# Optional: JupyterLab (requirements-notebook.txt) in .venv, then open the workbench notebook.
notebook: $(STAMP)
	$(PY) -m pip install -q -r requirements-notebook.txt
	$(VENV)/bin/jupyter lab --no-browser notebooks/workbench.ipynb

clean:
	rm -rf $(VENV) .pytest_cache
