# frozen_string_literal: true

require 'digest'
require 'fileutils'
require 'tmpdir'
require_relative 'a2c_uri'

# ansible.builtin.get_url (ansible-core 2.14) with dest an existing directory: the file's name is
# known only once the server answered, so remote_file (whose path is fixed when the resource is
# declared) cannot hold it. The module GETs the URL on every run (no If-Modified-Since: that is for a
# file dest), following redirects as fetch_url does, with its default 10 s timeout and certificate
# check; names the file from the response's Content-Disposition (`attachment; filename=...`, its
# basename) or else the last segment of the URL it finally fetched ('index.html' when empty, not
# unquoted); and replaces the file only where its SHA-1 differs. A new file gets 0666 less the
# umask (atomic_move), an existing one keeps its mode and owner.
module A2C
  module GetUrl
    module_function

    DISPOSITION = /\Aattachment; ?filename="?([^"]+)/

    # The download's plan: { 'dest', 'changed', 'body' }. Fails as the module does: a status other
    # than 200 ("Request failed"), a dest that is no directory (its parent "does not exist").
    def plan(url, dir)
      response, final_url, = A2C::Uri.fetch(url.to_s, 'GET', nil, {}, nil, nil, false, true, 10)
      raise "ansible2chef: get_url #{url}: Request failed (HTTP #{response.code})" unless response.code == '200'

      dir = dir.to_s
      raise "ansible2chef: get_url #{url}: Destination #{dir.chomp('/')} does not exist" unless ::File.directory?(dir)

      dest = ::File.join(dir, filename(response['content-disposition'], final_url))
      body = response.body.to_s.b
      changed = !::File.file?(dest) || Digest::SHA1.file(dest).hexdigest != Digest::SHA1.hexdigest(body)
      { 'dest' => dest, 'changed' => changed, 'body' => body }
    end

    # extract_filename_from_headers, else url_filename of the URL after redirects.
    def filename(disposition, final_url)
      given = DISPOSITION.match(disposition.to_s)&.[](1)
      given = given&.split('/')&.last.to_s
      return given unless given.empty?

      path = URI(final_url).path.to_s
      name = path[(path.rindex('/') || -1) + 1..].to_s
      name.empty? ? 'index.html' : name
    end

    # Writes the plan's body to its dest: a temporary file beside it, moved over it.
    def write(plan)
      dest = plan['dest']
      old = ::File.exist?(dest) ? ::File.stat(dest) : nil
      tmp = ::File.join(::File.dirname(dest), ".#{::File.basename(dest)}.a2c#{Process.pid}")
      ::File.binwrite(tmp, plan['body'])
      if old
        ::File.chmod(old.mode & 0o7777, tmp)
        ::File.chown(old.uid, old.gid, tmp) if Process.uid.zero?
      else
        ::File.chmod(0o666 & ~::File.umask, tmp)
      end
      ::File.rename(tmp, dest)
    ensure
      ::FileUtils.rm_f(tmp) if tmp && ::File.exist?(tmp)
    end
  end
end
