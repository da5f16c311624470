"""Runs inside the test Keystone's own virtualenv: keystone-manage steps, or the server.

``keystone_process.py manage CONFIG_FILE 'command args' ['command args' ...]``
    runs keystone-manage commands (``keystone.cmd.cli.main``) one after the
    other in this one process: every separate keystone-manage would pay about
    2 s of imports.
``keystone_process.py serve PORT``
    serves Keystone's public WSGI application with waitress on 127.0.0.1:PORT;
    the config comes from ``$OS_KEYSTONE_CONFIG_DIR/keystone.conf``.

This file is executed by path with the Keystone venv's python, never imported
by the tests: it may only use what that venv has.
"""

import shlex
import sys


def manage(config_file, commands):
    from keystone.cmd import cli

    for command in commands:
        args = shlex.split(command)
        try:
            cli.main(argv=['keystone-manage', '--config-file', config_file] + args)
        except SystemExit as e:
            if e.code not in (0, None):
                sys.exit('keystone-manage %s exited with %s' % (args[0], e.code))
        cli.CONF.reset()
        cli.CONF.clear()


def serve(port):
    # oslo.config parses sys.argv when Keystone configures itself, and would
    # reject our own arguments ("unrecognized arguments").
    sys.argv = sys.argv[:1]
    from keystone.server import wsgi
    import waitress

    application = wsgi.initialize_public_application()
    waitress.serve(application, host='127.0.0.1', port=port, threads=8, ident='keystone')


if __name__ == '__main__':
    if sys.argv[1] == 'manage':
        manage(sys.argv[2], sys.argv[3:])
    elif sys.argv[1] == 'serve':
        serve(int(sys.argv[2]))
    else:
        sys.exit(__doc__)
