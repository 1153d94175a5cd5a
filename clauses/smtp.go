package clauses

// SMTPConfig is the `smtp` section of termsmith.yaml: the server notices
// are sent through (termsmith notice send). The password is never in the
// store: it comes from the environment variable PasswordEnv. The
// environment variable TERMSMITH_SMTP_URL, when set, replaces the section.
type SMTPConfig struct {
	// URL is smtp://user@host:port (STARTTLS) or smtps://user@host:port
	// (implicit TLS), without a password.
	URL string `yaml:"url"`
	// PasswordEnv names the environment variable holding the password;
	// default TERMSMITH_SMTP_PASSWORD.
	PasswordEnv string `yaml:"password_env"`
}
