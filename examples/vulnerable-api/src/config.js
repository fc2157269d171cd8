// Application settings shared by the auth code.
module.exports = {
  port: process.env.PORT || 3000,
  jwt: {
    secret: process.env.JWT_SECRET || 'dev-secret-change-me',
    accessTokenTtl: '7d',
  },
};
