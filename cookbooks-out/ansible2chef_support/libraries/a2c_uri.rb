# frozen_string_literal: true

require 'base64'
require 'json'
require 'net/http'
require 'openssl'
require 'uri'
require_relative 'a2c_jinja'
require_relative 'a2c_tasks'

# ansible.builtin.uri (ansible-core 2.14) with register: the same request (method, body encoded by
# body_format, headers, credentials, certificate check, timeout) and the result the module returns:
# status, url, redirected, msg, every response header lower-cased with '-' as '_', json when the
# response says it is JSON, content with return_content, failed when the status is not one of
# status_code. Redirects are followed as the module's default follow_redirects=safe does (GET and
# HEAD only). dest, src, creates and removes are not here (the converter keeps such tasks TODO).
module A2C
  module Uri
    module_function

    SAFE_REDIRECTS = %w(GET HEAD).freeze
    METHODS = { 'GET' => ::Net::HTTP::Get, 'POST' => ::Net::HTTP::Post, 'PUT' => ::Net::HTTP::Put, 'DELETE' => ::Net::HTTP::Delete,
                'HEAD' => ::Net::HTTP::Head, 'PATCH' => ::Net::HTTP::Patch, 'OPTIONS' => ::Net::HTTP::Options }.freeze

    # register: the result stored for later tasks; the run fails as the task does unless ignore_errors.
    def register(run_state, name, ignore_errors: false, **args)
      outcome = result(**args)
      A2C::Tasks.store(run_state, name, outcome)
      return outcome unless outcome['failed'] && !ignore_errors

      raise "ansible2chef: uri #{args[:url]} failed: #{outcome['msg']}"
    end

    # A task nothing reads: the request, failing the run as the task fails.
    def run(**args)
      outcome = result(**args)
      raise "ansible2chef: uri #{args[:url]} failed: #{outcome['msg']}" if outcome['failed']

      outcome
    end

    # The module's result for its arguments (already converted to their types).
    def result(url:, method: 'GET', body: nil, body_format: 'raw', headers: {}, user: nil, password: nil,
               force_basic_auth: false, status_code: [200], return_content: false, validate_certs: true, timeout: 30)
      method = method.to_s.upcase
      codes = Array(status_code).map { |c| Integer(c.to_s, 10) }
      headers = (headers || {}).to_h { |k, v| [k.to_s, v.to_s] }
      payload = encode_body(body, body_format.to_s, headers)
      started = Time.now
      response, final_url, redirected = fetch(url.to_s, method, payload, headers, user, password, force_basic_auth, validate_certs, timeout)
      outcome = { 'redirected' => redirected, 'url' => final_url, 'changed' => false }
      outcome.merge!(response_info(response))
      outcome['location'] = absolute_location(final_url, outcome['location']) if outcome.key?('location')
      content = response.body.to_s
      maybe_json = response['content-type'].to_s.include?('json')
      outcome['json'] = JSON.parse(content) if maybe_json && parses?(content)
      outcome['content'] = content if return_content
      # An error status's body stays in the result when the module had no reason to read it.
      outcome['body'] = content unless response.is_a?(::Net::HTTPSuccess) || maybe_json || return_content || !codes.include?(outcome['status'])
      outcome['elapsed'] = (Time.now - started).to_i
      failure(outcome, codes, outcome['msg']) unless codes.include?(outcome['status'])
      outcome
    rescue SystemCallError, SocketError, Timeout::Error, OpenSSL::SSL::SSLError => e
      outcome = { 'redirected' => false, 'url' => url.to_s, 'status' => -1, 'elapsed' => 0, 'changed' => false }
      outcome['content'] = '' if return_content
      failure(outcome, codes, "Request failed: <urlopen error #{python_error(e)}>")
    end

    # body_format json: a structure is serialised as Python's json.dumps does, text is sent as it is;
    # form-urlencoded: a mapping or list of pairs is encoded as urlencode(doseq=True) does. Either sets
    # the Content-Type the module sets when the task gives none.
    def encode_body(body, format, headers)
      return if body.nil?

      case format
      when 'json'
        headers['Content-Type'] = 'application/json' unless headers.keys.any? { |k| k.casecmp?('content-type') }
        body.is_a?(String) ? body : A2C::Jinja.to_json(body)
      when 'form-urlencoded'
        headers['Content-Type'] = 'application/x-www-form-urlencoded' unless headers.keys.any? { |k| k.casecmp?('content-type') }
        form_urlencoded(body)
      when 'raw' then body.to_s
      else raise ArgumentError, "value of body_format must be one of: form-urlencoded, json, raw, form-multipart, got: #{format}"
      end
    end

    # The module's form_urlencoded: text as it is; a mapping (or list of pairs) as key=value pairs,
    # a list value giving one pair per element and a null none, values as Python's str() prints them.
    def form_urlencoded(body)
      return body if body.is_a?(String)

      pairs = body.to_a.flat_map do |key, values|
        values = case values
                 when Hash then values.keys
                 when Array then values
                 else [values]
                 end
        values.compact.map { |v| [py_text(key), py_text(v)] }
      end
      ::URI.encode_www_form(pairs)
    end

    def py_text(value)
      { true => 'True', false => 'False' }.fetch(value, value.to_s)
    end

    # One request, then redirects for GET/HEAD; credentials are sent at once with force_basic_auth,
    # otherwise only in answer to a Basic challenge (as urllib's basic auth handler does).
    def fetch(url, method, payload, headers, user, password, force_basic_auth, validate_certs, timeout)
      redirected = false
      10.times do
        uri = URI(url)
        response = request(uri, method, payload, headers, force_basic_auth ? user : nil, password, validate_certs, timeout)
        if response.code == '401' && user && !force_basic_auth && response['www-authenticate'].to_s =~ /\Abasic/i
          response = request(uri, method, payload, headers, user, password, validate_certs, timeout)
        end
        location = response['location']
        return [response, url, redirected] unless response.is_a?(::Net::HTTPRedirection) && location && SAFE_REDIRECTS.include?(method)

        url = ::URI.join(url, location).to_s
        redirected = true
      end
      raise Timeout::Error, 'too many redirects'
    end

    def request(uri, method, payload, headers, user, password, validate_certs, timeout)
      klass = METHODS[method] or raise ArgumentError, "HTTP method #{method} is not supported"
      req = klass.new(uri)
      headers.each { |k, v| req[k] = v }
      req.basic_auth(user.to_s, password.to_s) if user
      req.body = payload unless payload.nil?
      req['User-Agent'] ||= 'ansible-httpget'
      opts = { use_ssl: uri.scheme == 'https', open_timeout: timeout.to_f, read_timeout: timeout.to_f }
      opts[:verify_mode] = OpenSSL::SSL::VERIFY_NONE if uri.scheme == 'https' && !A2C::Tasks.boolean(validate_certs)
      ::Net::HTTP.start(uri.host, uri.port, **opts) { |http| http.request(req) }
    end

    # status, msg and the headers as fetch_url reports them (a repeated header joined by ', '); on
    # success also the cookies the response set.
    def response_info(response)
      info = { 'status' => response.code.to_i }
      response.each_header { |k, v| info[k.downcase.tr('-', '_')] = v }
      if response.is_a?(::Net::HTTPSuccess)
        cookies = response.get_fields('set-cookie').to_a.to_h { |c| c.split(';', 2).first.split('=', 2).then { |k, v| [k.strip, v.to_s.strip] } }
        info['cookies_string'] = cookies.map { |k, v| "#{k}=#{v}" }.join('; ')
        info['cookies'] = cookies
        info['msg'] = "OK (#{response['content-length'] || 'unknown'} bytes)"
      else
        info['msg'] = "HTTP Error #{response.code}: #{response.message}"
      end
      info
    end

    def failure(outcome, codes, reason)
      outcome.merge!('failed' => true, 'msg' => "Status code was #{outcome['status']} and not #{codes.inspect}: #{reason}")
    end

    def parses?(text)
      JSON.parse(text)
      true
    rescue JSON::ParserError
      false
    end

    # A socket error as Python prints it: [Errno N] its text.
    def python_error(error)
      return error.message unless error.is_a?(SystemCallError)

      "[Errno #{error.errno}] #{SystemCallError.new(nil, error.errno).message}"
    end

    # The Location header made absolute as the module does (an absolute path against the scheme
    # and host, a relative one against the URL's directory).
    def absolute_location(url, location)
      return location if location.include?('://')
      return url.sub(URI(url).path, '') + location if location.start_with?('/')

      "#{::File.dirname(url)}/#{location}"
    end
  end
end
