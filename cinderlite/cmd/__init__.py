"""Console scripts: each builds one process (see setup.cfg's console_scripts).

Importing a command is starting a process, so this is where a process-wide
warnings filter belongs (not in the library): oslo.messaging 18 imports
oslo.service, whose default backend imports eventlet, which warns that it is
deprecated. cinderlite never runs eventlet (threads only, nothing
monkey-patched); the warning would only alarm operators. The filter must be
in place before the command module imports oslo.messaging.
"""

import warnings

warnings.filterwarnings('ignore', message=r'\s*Eventlet is deprecated')
