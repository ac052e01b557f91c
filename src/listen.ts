import type { Server } from 'node:http';

/** Why a listen failed, in one line naming the variables to change; undefined for an unexpected error. */
export function listenProblem(
  error: NodeJS.ErrnoException,
  host: string,
  port: number,
  variable = 'PORT',
): string | undefined {
  const where = `${host}:${port}`;
  if (error.code === 'EADDRINUSE')
    return `Cannot listen on ${where}: the port is in use; set ${variable} (or HOST) to a free one`;
  if (error.code === 'EACCES')
    return `Cannot listen on ${where}: not allowed for this user; set ${variable} to 1024 or more`;
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND')
    return `Cannot listen on ${where}: HOST is not an address of this machine; set HOST (e.g. 127.0.0.1 or 0.0.0.0)`;
  return undefined;
}

/** Listens, or ends the process with one clear line (exit 1) when the address cannot be had. */
export function listenOrExit(server: Server, port: number, host: string, variable = 'PORT'): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      const problem = listenProblem(error, host, port, variable);
      if (problem === undefined) return reject(error);
      console.error(problem);
      process.exit(1);
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}
