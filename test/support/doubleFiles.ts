/**
 * The test double's file host: a second server, on another origin like RunComfy's CDN, serving each job's
 * output files at `/files/{request_id}/{name}`, with the download fault scenarios.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { outputFilesOf, type DoubleJob } from './doubleJobs';
import { defaultLargeFileMiB, serveLargeFile } from './doubleLargeFile';
import { sampleHtml } from './sampleMedia';

const oversizedBytes = 3 * 1024 * 1024;

/** The URL of a job's output file on the file host. */
export function fileUrl(filesBaseUrl: string, jobId: string, name: string): string {
  return `${filesBaseUrl}/files/${encodeURIComponent(jobId)}/${name}`;
}

/** Serves one file request; `timers` collects stalls so closing the double can end them. */
export function serveFile(
  req: IncomingMessage,
  res: ServerResponse,
  jobs: Map<string, DoubleJob>,
  timers: Set<NodeJS.Timeout>,
): void {
  const match = /^\/files\/([^/]+)\/([^/]+)$/.exec(new URL(req.url ?? '/', 'http://files').pathname);
  const job = match ? jobs.get(decodeURIComponent(match[1]!)) : undefined;
  const file = job && outputFilesOf(job).find((candidate) => candidate.name === match![2]);
  if (req.method !== 'GET' || !job || !file) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  if (job.scenario.name === 'large-file') return serveLargeFile(res, job.scenario.count ?? defaultLargeFileMiB);
  const bytes = file.bytes();
  // Only the second file of the job is faulty; the others download normally.
  if (job.scenario.name === 'partial-download' && file.name !== '1.png') {
    res.writeHead(200, { 'content-type': file.contentType, 'content-length': bytes.length }).end(bytes);
    return;
  }
  const faulty = job.downloadFaultsLeft > 0;
  if (faulty) job.downloadFaultsLeft--;
  switch (faulty ? job.scenario.name : 'ok') {
    case 'redirect-download':
      res.writeHead(302, { location: `${req.url}?signed=1` }).end();
      return;
    case 'truncated-download':
      res.writeHead(200, { 'content-type': file.contentType, 'content-length': bytes.length });
      res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.destroy());
      return;
    case 'oversized-download':
      res.writeHead(200, { 'content-type': file.contentType }); // chunked: the size shows only while streaming
      res.end(Buffer.concat([bytes, Buffer.alloc(oversizedBytes)]));
      return;
    case 'oversized-declared':
      res.writeHead(200, { 'content-type': file.contentType, 'content-length': bytes.length + oversizedBytes });
      res.end(Buffer.concat([bytes, Buffer.alloc(oversizedBytes)]));
      return;
    case 'short-download': {
      const half = bytes.subarray(0, Math.floor(bytes.length / 2));
      res.writeHead(200, { 'content-type': file.contentType, 'content-length': half.length }).end(half);
      return;
    }
    case 'partial-download':
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    case 'trickle-download':
      res.writeHead(200, { 'content-type': file.contentType, 'content-length': bytes.length });
      trickle(res, bytes, timers);
      return;
    case 'html-download':
      res.writeHead(200, { 'content-type': 'text/html' }).end(sampleHtml);
      return;
    case 'slow-download': {
      res.writeHead(200, { 'content-type': file.contentType, 'content-length': bytes.length });
      res.write(bytes.subarray(0, 64));
      const timer = setTimeout(() => {
        timers.delete(timer);
        res.end(bytes.subarray(64));
      }, 30_000);
      timers.add(timer);
      return;
    }
    default:
      res.writeHead(200, { 'content-type': file.contentType, 'content-length': bytes.length }).end(bytes);
  }
}

/** Sends one byte every 100 ms: never silent long enough for an idle timeout, never done in practice. */
function trickle(res: ServerResponse, bytes: Buffer, timers: Set<NodeJS.Timeout>, sent = 0): void {
  if (sent >= bytes.length || res.destroyed) return void res.end();
  res.write(bytes.subarray(sent, sent + 1));
  const timer = setTimeout(() => {
    timers.delete(timer);
    trickle(res, bytes, timers, sent + 1);
  }, 100);
  timers.add(timer);
}
