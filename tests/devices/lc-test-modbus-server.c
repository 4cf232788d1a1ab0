/* A Modbus server for the gauge tests and benchmarks, built on libmodbus's own server side.
 * It serves fixed register contents, a read counter, and faults on chosen addresses, on
 * loopback TCP or on a serial line (one end of a socat pty pair).
 *
 *   lc-test-modbus-server (--tcp-port N | --rtu PATH) [--unit N] [--counter-start N]
 *                         [--set TABLE:ADDR=W[,W…]]… [--silent-at A]… [--garbage-at A]…
 *                         [--exception-at A:CODE]… [--log FILE]
 *
 * --tcp-port 0 picks a free port; the server prints "PORT n" once it listens, or "READY" on a
 * serial line. Holding register 100 is a counter: each read that covers it serves the next
 * value and logs "served N" (so a test can prove that no reading was invented or doubled).
 * Holding addresses from --silent-at get no answer, from --garbage-at a malformed answer
 * (wrong function on TCP, a bad checksum on RTU), from --exception-at that exception.
 * Writes are logged as "write TABLE ADDR VALUE". The server dies with its parent. */

#include <errno.h>
#include <modbus.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <unistd.h>

#define N_REGS 4096
#define COUNTER_ADDR 100
#define MAX_SPECIAL 32

static int silent_at[MAX_SPECIAL], n_silent;
static int garbage_at[MAX_SPECIAL], n_garbage;
static int exception_at[MAX_SPECIAL], exception_code[MAX_SPECIAL], n_exception;
static unsigned counter;
static FILE *log_file;
static int unit = 1;

static void
die (const char *what)
{
  fprintf (stderr, "lc-test-modbus-server: %s: %s\n", what, modbus_strerror (errno));
  exit (1);
}

static int
in_list (const int *list, int n, int first, int count)
{
  for (int i = 0; i < n; i++)
    if (list[i] >= first && list[i] < first + count)
      return i;
  return -1;
}

static void
parse_set (modbus_mapping_t *map, const char *spec)
{
  char table[16];
  int addr, consumed;
  const char *p;

  if (sscanf (spec, "%15[a-z]:%d=%n", table, &addr, &consumed) != 2)
    {
      fprintf (stderr, "bad --set %s\n", spec);
      exit (2);
    }
  p = spec + consumed;
  while (*p != '\0')
    {
      char *end;
      unsigned long w = strtoul (p, &end, 0);

      if (end == p || addr >= N_REGS)
        {
          fprintf (stderr, "bad --set %s\n", spec);
          exit (2);
        }
      if (strcmp (table, "holding") == 0)
        map->tab_registers[addr] = (uint16_t) w;
      else if (strcmp (table, "input") == 0)
        map->tab_input_registers[addr] = (uint16_t) w;
      else if (strcmp (table, "coil") == 0)
        map->tab_bits[addr] = w ? 1 : 0;
      else if (strcmp (table, "discrete") == 0)
        map->tab_input_bits[addr] = w ? 1 : 0;
      else
        {
          fprintf (stderr, "bad table in --set %s\n", spec);
          exit (2);
        }
      addr++;
      p = *end == ',' ? end + 1 : end;
    }
}

static uint16_t
crc16 (const uint8_t *buf, int len)
{
  uint16_t crc = 0xffff;

  for (int i = 0; i < len; i++)
    {
      crc ^= buf[i];
      for (int b = 0; b < 8; b++)
        crc = (crc & 1) ? (crc >> 1) ^ 0xa001 : crc >> 1;
    }
  return crc;
}

/* Answers one request; returns -1 when the connection should be dropped. */
static int
handle (modbus_t *ctx, modbus_mapping_t *map, const uint8_t *query, int length, int is_tcp)
{
  int hl = modbus_get_header_length (ctx);
  int function = query[hl];
  int addr = (query[hl + 1] << 8) | query[hl + 2];
  int count = (query[hl + 3] << 8) | query[hl + 4];
  int request_unit = query[hl - 1];
  int i;

  if (is_tcp && request_unit != unit && request_unit != 0xff)
    return modbus_reply_exception (ctx, query, MODBUS_EXCEPTION_GATEWAY_TARGET);

  if (function == MODBUS_FC_READ_HOLDING_REGISTERS)
    {
      if (in_list (silent_at, n_silent, addr, count) >= 0)
        return 0;
      if (in_list (garbage_at, n_garbage, addr, count) >= 0)
        {
          uint8_t frame[300];
          int n;

          if (is_tcp)
            {
              /* Right transaction and function, two bytes more than asked: garbage. */
              int n_bytes = 2 * count + 2;

              memcpy (frame, query, 4);
              frame[4] = 0;
              frame[5] = (uint8_t) (3 + n_bytes);
              frame[6] = query[6];
              frame[7] = 0x03;
              frame[8] = (uint8_t) n_bytes;
              for (i = 0; i < n_bytes && 9 + i < (int) sizeof frame; i++)
                frame[9 + i] = 0xde;
              n = 9 + i;
            }
          else
            {
              uint16_t crc;

              frame[0] = (uint8_t) unit;
              frame[1] = (uint8_t) function;
              frame[2] = (uint8_t) (2 * count);
              for (i = 0; i < 2 * count && i < 250; i++)
                frame[3 + i] = 0x55;
              n = 3 + i;
              crc = crc16 (frame, n) ^ 0x5a5a;   /* damaged on the line */
              frame[n++] = crc & 0xff;
              frame[n++] = crc >> 8;
            }
          return write (modbus_get_socket (ctx), frame, n) == n ? 0 : -1;
        }
      if ((i = in_list (exception_at, n_exception, addr, count)) >= 0)
        return modbus_reply_exception (ctx, query, exception_code[i]);
      if (addr <= COUNTER_ADDR && COUNTER_ADDR < addr + count)
        {
          map->tab_registers[COUNTER_ADDR] = (uint16_t) ++counter;
          if (log_file != NULL)
            {
              fprintf (log_file, "served %u\n", counter);
              fflush (log_file);
            }
        }
    }
  else if (log_file != NULL && (function == MODBUS_FC_WRITE_SINGLE_COIL ||
                                function == MODBUS_FC_WRITE_SINGLE_REGISTER))
    {
      fprintf (log_file, "write %s %d %d\n",
               function == MODBUS_FC_WRITE_SINGLE_COIL ? "coil" : "holding", addr,
               function == MODBUS_FC_WRITE_SINGLE_COIL ? (count ? 1 : 0) : count);
      fflush (log_file);
    }
  else if (log_file != NULL && function == MODBUS_FC_WRITE_MULTIPLE_REGISTERS)
    {
      fprintf (log_file, "write holding %d", addr);
      for (i = 0; i < count; i++)
        fprintf (log_file, " %d", (query[hl + 6 + 2 * i] << 8) | query[hl + 7 + 2 * i]);
      fprintf (log_file, "\n");
      fflush (log_file);
    }
  return modbus_reply (ctx, query, length, map);
}

static void
serve_tcp (modbus_mapping_t *map, int port)
{
  modbus_t *ctx = modbus_new_tcp ("127.0.0.1", port);
  uint8_t query[MODBUS_TCP_MAX_ADU_LENGTH];
  struct sockaddr_in bound;
  socklen_t bound_len = sizeof bound;
  fd_set all;
  int listener, max_fd;

  if (ctx == NULL)
    die ("modbus_new_tcp");
  listener = modbus_tcp_listen (ctx, 16);
  if (listener < 0)
    die ("listen");
  getsockname (listener, (struct sockaddr *) &bound, &bound_len);
  printf ("PORT %d\n", ntohs (bound.sin_port));
  fflush (stdout);

  FD_ZERO (&all);
  FD_SET (listener, &all);
  max_fd = listener;
  for (;;)
    {
      fd_set ready = all;

      if (select (max_fd + 1, &ready, NULL, NULL, NULL) < 0)
        {
          if (errno == EINTR)
            continue;
          die ("select");
        }
      for (int fd = 0; fd <= max_fd; fd++)
        {
          if (!FD_ISSET (fd, &ready))
            continue;
          if (fd == listener)
            {
              int client = accept (listener, NULL, NULL);

              if (client >= 0)
                {
                  FD_SET (client, &all);
                  if (client > max_fd)
                    max_fd = client;
                }
              continue;
            }
          modbus_set_socket (ctx, fd);
          {
            int rc = modbus_receive (ctx, query);

            if (rc > 0 && handle (ctx, map, query, rc, 1) >= 0)
              continue;
            if (rc == 0)
              continue;
            close (fd);
            FD_CLR (fd, &all);
          }
        }
    }
}

static void
serve_rtu (modbus_mapping_t *map, const char *path)
{
  modbus_t *ctx = modbus_new_rtu (path, 19200, 'E', 8, 1);
  uint8_t query[MODBUS_RTU_MAX_ADU_LENGTH];

  if (ctx == NULL)
    die ("modbus_new_rtu");
  modbus_set_slave (ctx, unit);
  if (modbus_connect (ctx) != 0)
    die ("open serial");
  printf ("READY\n");
  fflush (stdout);
  for (;;)
    {
      int rc = modbus_receive (ctx, query);

      if (rc > 0)
        handle (ctx, map, query, rc, 0);
      else if (rc < 0 && errno != EMBBADCRC && errno != ETIMEDOUT && errno != EMBBADDATA)
        {
          /* The line went away (socat stopped): nothing more to serve. */
          if (errno == EIO || errno == EBADF || errno == ECONNRESET)
            exit (0);
          modbus_flush (ctx);
        }
    }
}

int
main (int argc, char **argv)
{
  modbus_mapping_t *map = modbus_mapping_new (N_REGS, N_REGS, N_REGS, N_REGS);
  const char *rtu = NULL;
  int tcp_port = -1;

  prctl (PR_SET_PDEATHSIG, SIGKILL);
  if (getppid () == 1)
    return 1;
  signal (SIGPIPE, SIG_IGN);

  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];
      const char *value = i + 1 < argc ? argv[i + 1] : NULL;

      if (value == NULL)
        {
          fprintf (stderr, "missing value for %s\n", arg);
          return 2;
        }
      i++;
      if (strcmp (arg, "--tcp-port") == 0)
        tcp_port = atoi (value);
      else if (strcmp (arg, "--rtu") == 0)
        rtu = value;
      else if (strcmp (arg, "--unit") == 0)
        unit = atoi (value);
      else if (strcmp (arg, "--counter-start") == 0)
        counter = (unsigned) atoi (value);
      else if (strcmp (arg, "--set") == 0)
        parse_set (map, value);
      else if (strcmp (arg, "--silent-at") == 0 && n_silent < MAX_SPECIAL)
        silent_at[n_silent++] = atoi (value);
      else if (strcmp (arg, "--garbage-at") == 0 && n_garbage < MAX_SPECIAL)
        garbage_at[n_garbage++] = atoi (value);
      else if (strcmp (arg, "--exception-at") == 0 && n_exception < MAX_SPECIAL)
        {
          if (sscanf (value, "%d:%d", &exception_at[n_exception], &exception_code[n_exception]) != 2)
            return 2;
          n_exception++;
        }
      else if (strcmp (arg, "--log") == 0)
        {
          log_file = fopen (value, "a");
          if (log_file == NULL)
            return 2;
        }
      else
        {
          fprintf (stderr, "unknown option %s\n", arg);
          return 2;
        }
    }
  map->tab_registers[COUNTER_ADDR] = (uint16_t) counter;

  if (rtu != NULL)
    serve_rtu (map, rtu);
  else if (tcp_port >= 0)
    serve_tcp (map, tcp_port);
  fprintf (stderr, "give --tcp-port or --rtu\n");
  return 2;
}
