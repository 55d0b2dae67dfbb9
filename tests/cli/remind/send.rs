//! `spm remind --send`: each person mailed their own items through a real SMTP server.
